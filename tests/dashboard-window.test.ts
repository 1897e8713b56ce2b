import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { explainRawRollupInputs } from '../db/queries/dashboard';
import { loadOverview, type OverviewQuery } from '../lib/dashboard/load-overview';
import { loadToolsView } from '../lib/dashboard/load-tools-view';
import { parseTimeRange, type RangeParams } from '../lib/dashboard/time-range';
import { windowParts, type WindowPart } from '../lib/dashboard/window-parts';
import { applyRetentionCleanup } from '../lib/retention/apply-cleanup';
import { updateRetentionPolicy } from '../lib/retention/update-policy';
import { ingest } from './helpers/ingest-batch';
import { expectRangeSearch, planForBigTables } from './helpers/range-search';
import { migratedDatabase } from './helpers/tempdb';

const now = new Date('2026-03-10T14:25:00.000Z');
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
const range = (params: RangeParams) => parseTimeRange(params, now);
const overview = (params: RangeParams, extra: Partial<OverviewQuery> = {}) =>
  loadOverview(db, { range: range(params), groupBy: 'service', type: 'all', ...extra });

let db: Db;

describe('windowParts', () => {
  const show = (parts: WindowPart[], length = 16) =>
    parts.map((p) => `${p.sign > 0 ? '+' : '-'} ${p.source} ${p.from.toISOString().slice(0, length)} ${p.to.toISOString().slice(0, length)}`);
  const parts = (params: RangeParams) => {
    const { from, to, granularity } = range(params);
    return show(windowParts(from, to, granularity, now));
  };
  const hourlyParts = (from: Date, to: Date) => show(windowParts(from, to, 'hour', now));

  it('covers the window exactly once, whole hours and days from the rollups, reading as few raw rows as it can', () => {
    // An hourly chart of 24 h: 14:25-15:00 on 03-09 as the 14:00 hour minus its first 25 minutes; 14:00-14:25
    // as the current hour minus what comes after now (nothing, or metrics sent from a clock slightly ahead).
    // Within the last 48 h those edges come from 5-minute rows; before, from raw rows.
    expect(hourlyParts(new Date('2026-03-09T14:25Z'), now)).toEqual([
      '+ hour 2026-03-09T14:00 2026-03-09T15:00',
      '- 5min 2026-03-09T14:00 2026-03-09T14:25',
      '+ hour 2026-03-09T15:00 2026-03-10T14:00',
      '+ hour 2026-03-10T14:00 2026-03-10T15:00',
      '- 5min 2026-03-10T14:25 2026-03-10T15:00',
    ]);
    expect(hourlyParts(new Date('2026-03-07T14:25Z'), new Date('2026-03-08T14:25Z'))).toEqual([
      '+ hour 2026-03-07T14:00 2026-03-07T15:00',
      '- raw 2026-03-07T14:00 2026-03-07T14:25',
      '+ hour 2026-03-07T15:00 2026-03-08T14:00',
      '+ raw 2026-03-08T14:00 2026-03-08T14:25',
    ]);
    // The window before shares 14:00-14:25 on 03-09, read directly there: one read for both.
    const before = windowParts(new Date('2026-03-08T14:25Z'), new Date('2026-03-09T14:25Z'), 'hour', now).at(-1)!;
    expect(before).toEqual({ source: '5min', from: new Date('2026-03-09T14:00Z'), to: new Date('2026-03-09T14:25Z'), sign: 1 });
    expect(parts({ range: '30d' })).toEqual([
      '+ hour 2026-02-08T14:00 2026-02-08T15:00',
      '- raw 2026-02-08T14:00 2026-02-08T14:25',
      '+ hour 2026-02-08T15:00 2026-02-09T00:00',
      '+ day 2026-02-09T00:00 2026-03-10T00:00',
      '+ day 2026-03-10T00:00 2026-03-11T00:00',
      '- 5min 2026-03-10T14:25 2026-03-10T15:00',
      '- hour 2026-03-10T15:00 2026-03-11T00:00',
    ]);
    // Whole days need no raw rows at all; a window in the past reads its minutes directly when that is less.
    expect(parts({ range: 'custom', from: '2026-03-01', to: '2026-03-02' })).toEqual(['+ hour 2026-03-01T00:00 2026-03-03T00:00']);
    expect(parts({ range: 'custom', from: '2026-01-01', to: '2026-02-28' })).toEqual(['+ day 2026-01-01T00:00 2026-03-01T00:00']);
    expect(parts({ range: 'custom', from: '2026-03-02T10:10', to: '2026-03-02T10:20' })).toEqual(['+ raw 2026-03-02T10:10 2026-03-02T10:20']);
  });

  it('reads charts of minutes and of 5 minutes from the minute rollups, raw rows only for the seconds at the edges', () => {
    // Ranges within the last 48 h are charted by the minute (up to 6 h) and by 5 minutes (up to 48 h).
    expect(range({ range: '1h' }).granularity).toBe('minute');
    expect(range({ range: '24h' }).granularity).toBe('5min');
    expect(parts({ range: '1h' })).toEqual(['+ minute 2026-03-10T13:25 2026-03-10T14:25']);
    expect(parts({ range: '24h' })).toEqual(['+ 5min 2026-03-09T14:25 2026-03-10T14:25']);
    // 20 s past a minute: the current minute is its row minus the seconds after now; the first is its row
    // minus the 20 s before the window (fewer raw rows than its 40 s inside).
    const later = new Date('2026-03-10T14:27:20Z');
    const minuteParts = (spanMs: number, granularity: 'minute' | '5min') =>
      show(windowParts(new Date(later.getTime() - spanMs), later, granularity, later), 19);
    expect(minuteParts(3_600_000, 'minute')).toEqual([
      '+ minute 2026-03-10T13:27:00 2026-03-10T13:28:00',
      '- raw 2026-03-10T13:27:00 2026-03-10T13:27:20',
      '+ minute 2026-03-10T13:28:00 2026-03-10T14:27:00',
      '+ minute 2026-03-10T14:27:00 2026-03-10T14:28:00',
      '- raw 2026-03-10T14:27:20 2026-03-10T14:28:00',
    ]);
    // A 5-minute chart's edge buckets come from minute rows, and their edge minutes from raw rows.
    expect(minuteParts(86_400_000, '5min')).toEqual([
      '+ 5min 2026-03-09T14:25:00 2026-03-09T14:30:00',
      '- minute 2026-03-09T14:25:00 2026-03-09T14:27:00',
      '- raw 2026-03-09T14:27:00 2026-03-09T14:27:20',
      '+ 5min 2026-03-09T14:30:00 2026-03-10T14:25:00',
      '+ 5min 2026-03-10T14:25:00 2026-03-10T14:30:00',
      '- raw 2026-03-10T14:27:20 2026-03-10T14:28:00',
      '- minute 2026-03-10T14:28:00 2026-03-10T14:30:00',
    ]);
    // A 48 h window read a moment after it was parsed starts just before the minute rows' 2 days: raw rows
    // for that moment, 5-minute rows from the first bucket still kept.
    const horizon = new Date(now.getTime() - 2 * 86_400_000);
    expect(show(windowParts(new Date(horizon.getTime() - 10), now, '5min', now), 23)).toEqual([
      '+ raw 2026-03-08T14:24:59.990 2026-03-08T14:25:00.000',
      '+ 5min 2026-03-08T14:25:00.000 2026-03-10T14:25:00.000',
    ]);
    // Older than 48 h, the minute rows are gone (kept 2 days): such a window is charted by the hour.
    expect(range({ range: 'custom', from: '2026-03-08T10:00', to: '2026-03-08T11:00' }).granularity).toBe('hour');
  });
});

describe('exact windows', () => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await migratedDatabase());
    const tool = (minutesAgo: number, success: unknown, durationMs = 100) => ({
      type: 'tool_execution',
      timestamp: ago(minutesAgo),
      value: 1,
      duration_ms: durationMs,
      dimensions: { tool_name: 'search', server_name: minutesAgo % 2 ? 'odd' : 'even', ...(success === undefined ? {} : { success }) },
    });
    // Inside the last hour: 59, 30 and 1 minutes ago. Just outside: 61 (in the hour bucket "last 1 h" used to start at).
    // The hour before that (the previous period of "1 h"): 62, 90, 119. Around the 24 h edge: 1430 inside, 1450 outside.
    // A month back, across whole days, for the daily ranges.
    await ingest(
      db,
      'mcp-github',
      [1, 30, 59, 61, 62, 90, 119, 1430, 1450, 3 * 1440, 20 * 1440 + 7, 29 * 1440 + 1].map((m, i) => tool(m, i % 3 !== 0, 10 * (i + 1))),
      now.getTime(),
    );
    // Outcomes spelled every way ingestion reads them, all in the 13:00 hour.
    await ingest(
      db,
      'outcomes',
      [true, 'true', false, 'false', 1, 'yes', undefined].map((success, i) => ({ ...tool(70 - i, success, 5 * (i + 1)), type: 'custom' })),
      now.getTime(),
    );
  });
  afterAll(() => cleanup());

  it('"last 1 h" counts the last 60 minutes, not the hour buckets it touches', async () => {
    const view = await overview({ range: '1h' }, { service: 'mcp-github' });
    expect(view.kpis.requests.current).toBe(3);
    // ...and compares them with the 60 minutes before, not with hours that the current ones only partly fill.
    expect(view.kpis.requests.previous).toBe(4);
    // One bar a minute, each metric in its own.
    expect(view.requests.points).toHaveLength(60);
    const counts = Object.fromEntries(view.requests.points.filter((p) => p.values['mcp-github']).map((p) => [p.bucket, p.values['mcp-github']]));
    expect(counts).toEqual({ [ago(59).slice(0, 16)]: 1, [ago(30).slice(0, 16)]: 1, [ago(1).slice(0, 16)]: 1 });
  });

  it('"last 24 h" ends 24 h back to the minute', async () => {
    const view = await overview({ range: '24h' }, { service: 'mcp-github' });
    expect(view.kpis.requests.current).toBe(8);
    expect(view.requests.points.reduce((n, p) => n + (p.values['mcp-github'] ?? 0), 0)).toBe(8);
    // One bar every 5 minutes: 1430 minutes ago (14:35 the day before) falls in the one of 14:35.
    expect(view.requests.points).toHaveLength(288);
    expect(view.requests.points.find((p) => p.bucket === '2026-03-09T14:35')?.values).toEqual({ 'mcp-github': 1 });
  });

  it('the overview and the Tools view count the same tool executions for every range', async () => {
    for (const params of [
      { range: '1h' },
      { range: '24h' },
      { range: '7d' },
      { range: '30d' },
      { range: 'custom', from: '2026-02-20T07:45', to: '2026-03-10T13:59' },
    ]) {
      const counted = await overview(params, { type: 'tool_execution' });
      const tools = await loadToolsView(db, { range: range(params) });
      expect(counted.kpis.requests.current, JSON.stringify(params)).toBe(tools.totals.calls);
      expect(counted.kpis.errorRatePct.current, JSON.stringify(params)).toBeCloseTo(tools.totals.failurePct!, 10);
    }
  });

  it('reads outcomes and durations of raw edge rows exactly as the rollups hold them', async () => {
    // The 13:00 hour whole (its rollup row) and 13:00-13:59 (its raw rows) hold the same seven metrics.
    const fromRollup = await overview({ range: 'custom', from: '2026-03-10T13:00', to: '2026-03-10T14:00' }, { service: 'outcomes' });
    const fromRaw = await overview({ range: 'custom', from: '2026-03-10T13:00', to: '2026-03-10T13:59' }, { service: 'outcomes' });
    expect(fromRaw.kpis.requests.current).toBe(7);
    for (const kpi of ['requests', 'errorRatePct', 'avgDurationMs', 'p95DurationMs'] as const) {
      expect(fromRaw.kpis[kpi].current, kpi).toBe(fromRollup.kpis[kpi].current);
    }
    // true and "true" succeeded, false and "false" failed; 1, "yes" and none count in neither.
    expect(fromRaw.kpis.errorRatePct.current).toBe(50);
  });

  it('filters the views by service and server', async () => {
    const all = await loadToolsView(db, { range: range({ range: '24h' }) });
    const even = await loadToolsView(db, { range: range({ range: '24h' }), server: 'even' });
    const other = await loadToolsView(db, { range: range({ range: '24h' }), service: 'nobody' });
    expect(all.totals.calls).toBe(8);
    expect(all.servers).toEqual(['even', 'odd']);
    expect(even.totals.calls).toBe(4);
    expect(other.totals.calls).toBe(0);
    expect(all.services).toEqual(['mcp-github']);
  });

  it('plans the raw edge reads as index searches bounded by the range', async () => {
    for (const filter of [{}, { service: 'a' }, { metricTypes: ['b'] }, { service: 'a', metricTypes: ['b', 'c'] }]) {
      expectRangeSearch(
        await planForBigTables(db, (reader) => explainRawRollupInputs(reader, { from: ago(30), to: ago(0), ...filter })),
        'metrics',
        'timestamp',
        {
          message: JSON.stringify(filter),
        },
      );
    }
  });
});

describe('rollup rows retention has deleted', () => {
  let cleanup: () => Promise<void>;
  // A metric every 50 minutes over 15 days, each 1 ms slower than the one before.
  const minutesAgo = Array.from({ length: (15 * 1440) / 50 }, (_, i) => 3 + i * 50);
  const countIn = (fromMinutesAgo: number, toMinutesAgo: number) => minutesAgo.filter((m) => m <= fromMinutesAgo && m > toMinutesAgo).length;
  const view = (params: RangeParams) => loadOverview(db, { range: range(params), groupBy: 'service', type: 'all' }, now);
  const views: RangeParams[] = [{ range: 'custom', from: '2026-03-08T14:25', to: '2026-03-10T14:25' }, { range: '24h' }, { range: '7d' }];
  beforeAll(async () => {
    ({ db, cleanup } = await migratedDatabase());
    const metrics = minutesAgo.map((m, i) => ({ type: 'custom', timestamp: ago(m), value: 1, duration_ms: 1 + i, dimensions: { success: i % 4 !== 0 } }));
    for (let i = 0; i < metrics.length; i += 100) await ingest(db, 'svc', metrics.slice(i, i + 100), now.getTime());
  });
  afterAll(() => cleanup());

  it('counts what shortened policies deleted from raw metrics instead', async () => {
    const before = await Promise.all(views.map(view));
    for (const [table, days] of [
      ['metrics_minutely', 1],
      ['metrics_5min', 1],
      ['metrics_hourly', 3],
    ] as const) {
      await updateRetentionPolicy(db, { table, retentionDays: days }, 'test');
    }
    const run = await applyRetentionCleanup(db, { dryRun: false, actor: 'test', now, pauseMs: 0 });
    expect(Object.fromEntries(run.tables.map((t) => [t.table, t.deletedRows > 0]))).toMatchObject({ metrics_5min: true, metrics_hourly: true, metrics: false });
    const after = await Promise.all(views.map(view));
    // Exactly the metrics of each window and of the one before, as before the cleanup: the 48 h chart of
    // 5 minutes, whose first day has lost its 5-minute rows, and the 7 d chart of hours, 4 of whose days have
    // lost their hourly rows (and "vs previous", all of whose edge hours have).
    expect(after.map((v) => [v.kpis.requests.current, v.kpis.requests.previous])).toEqual([
      [countIn(2880, 0), countIn(5760, 2880)],
      [countIn(1440, 0), countIn(2880, 1440)],
      [countIn(7 * 1440, 0), countIn(14 * 1440, 7 * 1440)],
    ]);
    after.forEach((v, i) => {
      expect(v.kpis, JSON.stringify(views[i])).toEqual(before[i].kpis);
      expect(v.requests, JSON.stringify(views[i])).toEqual(before[i].requests);
      expect(v.durations, JSON.stringify(views[i])).toEqual(before[i].durations);
    });
  });
});
