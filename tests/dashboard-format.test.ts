import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { formatTick, formatValue } from '../components/charts/format';
import { isolatedPoints } from '../components/charts/isolated-points';
import { SERIES_COLORS } from '../components/charts/palette';
import { labelWidth, niceTicks } from '../components/charts/ticks';
import { EmptyState } from '../components/dashboard/EmptyState';
import { windowLabel } from '../components/dashboard/RangePicker';
import { spanLabel } from '../components/dashboard/span-label';
import { DisplayZoneProvider } from '../components/shell/DisplayZone';
import { zonedTime } from '../components/shell/format';
import { Timestamp } from '../components/shell/Timestamp';
import { OUTCOME_COLORS } from '../lib/dashboard/chart-series';
import { knownTimeZone } from '../lib/preferences/browser-zone';
import type { TimeZonePreference } from '../lib/preferences/validation';

describe('numbers as the dashboard prints them', () => {
  it('percentages with one decimal, two near 100 %, never rounded up to 100 %', () => {
    expect(formatValue(96.59, 'pct')).toBe('96.6 %');
    expect(formatValue(99.65, 'pct')).toBe('99.65 %');
    expect(formatValue(99.996, 'pct')).toBe('99.99 %');
    expect(formatValue(100, 'pct')).toBe('100.0 %');
    expect(formatValue(33.333, 'pct')).toBe('33.3 %');
    expect(formatValue(0.04, 'pct')).toBe('0.0 %');
  });

  it('means keep their decimals, counts get thousands separators, durations stay in ms', () => {
    expect(formatValue(4.21, 'number')).toBe('4.21');
    expect(formatValue(12345, 'count')).toBe('12,345');
    expect(formatValue(2400, 'ms')).toBe('2,400 ms');
    expect(formatValue(42.25, 'ms')).toBe('42.3 ms');
    expect(formatValue(null, 'ms')).toBe('—');
  });

  it('axis ticks are short, without the unit, so that they never wrap', () => {
    expect(formatTick(2400, 'ms')).toBe('2,400');
    expect(formatTick(25, 'pct')).toBe('25%');
    expect(formatTick(1_500_000, 'count')).toBe('1.5M');
  });
});

describe('chart axes and colors', () => {
  it('ticks at round steps from 0, whole ones on count axes', () => {
    expect(niceTicks(3800, false)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(niceTicks(2850, false)).toEqual([0, 1000, 2000, 3000]);
    expect(niceTicks(0.8, true)).toEqual([0, 1]);
    expect(niceTicks(3, true)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(9, true)).toEqual([0, 5, 10]);
    expect(niceTicks(0.3, false)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(0, false)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(99.9, false)).toEqual([0, 25, 50, 75, 100]);
  });

  it('gives an axis the width of its longest label', () => {
    expect(labelWidth(['0', '2,000'])).toBe(47);
    expect(labelWidth(['get_current_time_by_timezone'], 48, 240)).toBe(196);
    expect(labelWidth(['x'.repeat(80)], 48, 240)).toBe(240);
  });

  it('dots the points a line cannot be drawn through', () => {
    const points = [5, null, 7, 8, null, 9].map((v, i) => ({ bucket: String(i), values: { a: v } }));
    expect([...isolatedPoints(points, 'a')]).toEqual([0, 5]);
    expect([...isolatedPoints([{ bucket: 'x', values: { a: 1 } }], 'a')]).toEqual([0]);
    expect(isolatedPoints(points, 'missing').size).toBe(0);
  });

  it('never draws a series in the colors of success and failure', () => {
    for (const color of Object.values(OUTCOME_COLORS)) expect(SERIES_COLORS).not.toContain(color);
  });
});

describe('labels', () => {
  it('name the window and its length', () => {
    expect(windowLabel('2026-03-10T13:25:00.000Z', '2026-03-10T14:25:00.000Z')).toBe('2026-03-10 13:25 – 14:25 UTC');
    expect(windowLabel('2026-03-09T14:25:00.000Z', '2026-03-10T14:25:00.000Z')).toBe('2026-03-09 14:25 – 2026-03-10 14:25 UTC');
    expect(spanLabel(3_600_000)).toBe('1 h');
    expect(spanLabel(86_400_000)).toBe('24 h');
    expect(spanLabel(45 * 60_000)).toBe('45 min');
    expect(spanLabel(7 * 86_400_000)).toBe('7 d');
    expect(spanLabel(9.5 * 86_400_000)).toBe('9 d 12 h');
  });

  it('the first-metric example names the origin the dashboard is served at', () => {
    const html = renderToStaticMarkup(createElement(EmptyState, { neverReceived: true, origin: 'http://127.0.0.1:3210' }));
    expect(html).toContain('curl -X POST http://127.0.0.1:3210/metrics');
    expect(html).not.toContain('3000');
  });
});

describe('times in tables and lists', () => {
  it('in UTC, or on the wall clock of the browser’s zone named by its offset then, from every stored form', () => {
    expect(zonedTime('2026-03-10T13:25:07.123Z', 'UTC')).toEqual({ iso: '2026-03-10T13:25:07.123Z', date: '2026-03-10', time: '13:25:07', zone: 'UTC' });
    // SQLite's datetime('now') text is UTC.
    expect(zonedTime('2026-03-10 13:25:07', 'Asia/Kolkata')).toEqual({
      iso: '2026-03-10T13:25:07.000Z',
      date: '2026-03-10',
      time: '18:55:07',
      zone: 'UTC+05:30',
    });
    // Over a date line, and either side of a daylight-saving change.
    expect(zonedTime('2026-01-01T02:00:00Z', 'America/New_York')).toMatchObject({ date: '2025-12-31', time: '21:00:00', zone: 'UTC-05:00' });
    expect(zonedTime('2026-07-01T02:00:00Z', 'America/New_York')).toMatchObject({ date: '2026-06-30', time: '22:00:00', zone: 'UTC-04:00' });
    expect(zonedTime('2026-01-15T12:00:00Z', 'Europe/London')).toMatchObject({ time: '12:00:00', zone: 'UTC' });
    // A bare date (a daily table's retention cutoff) is no instant: shown as it is.
    expect(zonedTime('2026-01-15', 'Asia/Kolkata')).toBeNull();
  });

  it('are rendered on the server in the zone the browser’s cookie named, so that hydration prints the same text', () => {
    const html = (preference: TimeZonePreference, knownZone: string | null, inline = true) =>
      renderToStaticMarkup(createElement(DisplayZoneProvider, { preference, knownZone }, createElement(Timestamp, { iso: '2026-03-10T13:25:07Z', inline })));
    expect(html('local', 'Asia/Kolkata')).toContain('title="2026-03-10 18:55:07 UTC+05:30 (Asia/Kolkata)"');
    expect(html('local', 'Asia/Kolkata')).toContain('>2026-03-10 18:55:07 UTC+05:30</time>');
    expect(html('local', 'Asia/Kolkata', false)).toContain('2026-03-10<span class="block text-xs text-zinc-500 dark:text-zinc-400">18:55:07 UTC+05:30</span>');
    // Before the browser has said its zone, and with the UTC preference: UTC.
    expect(html('local', null)).toContain('>2026-03-10 13:25:07 UTC</time>');
    expect(html('UTC', 'Asia/Kolkata')).toContain('>2026-03-10 13:25:07 UTC</time>');
    expect([knownTimeZone('Asia/Kolkata'), knownTimeZone('Mars/Olympus_Mons'), knownTimeZone(undefined)]).toEqual(['Asia/Kolkata', null, null]);
  });
});
