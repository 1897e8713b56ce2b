import { describe, expect, it } from 'vitest';
import { bucketSpan, bucketTime, enclosingBucket } from '../lib/dashboard/buckets';
import { fillBuckets } from '../lib/dashboard/fill-buckets';
import { kpiChange } from '../lib/dashboard/kpi-change';
import { parseTimeRange } from '../lib/dashboard/time-range';
import { UserError } from '../lib/errors';

const now = new Date('2026-03-10T14:25:00.000Z');

describe('parseTimeRange', () => {
  it('reads presets as the span ending now: by the minute up to 6 h, 5 minutes up to 48 h, hourly up to 7 days and daily beyond', () => {
    expect(parseTimeRange({}, now)).toMatchObject({ preset: '24h', granularity: '5min', from: new Date('2026-03-09T14:25:00.000Z'), to: now });
    expect(parseTimeRange({ range: '15m' }, now).granularity).toBe('minute');
    expect(parseTimeRange({ range: '1h' }, now).granularity).toBe('minute');
    expect(parseTimeRange({ range: '6h' }, now).granularity).toBe('minute');
    expect(parseTimeRange({ range: '7d' }, now).granularity).toBe('hour');
    expect(parseTimeRange({ range: '30d' }, now)).toMatchObject({ granularity: 'day', from: new Date('2026-02-08T14:25:00.000Z') });
    expect(parseTimeRange({ range: '1y' }, now).granularity).toBe('day');
  });

  it('reads a custom range of dates (the "to" day included) or of UTC times', () => {
    expect(parseTimeRange({ range: 'custom', from: '2026-03-01', to: '2026-03-03' }, now)).toEqual({
      preset: 'custom',
      from: new Date('2026-03-01T00:00:00Z'),
      to: new Date('2026-03-04T00:00:00Z'),
      granularity: 'hour',
    });
    expect(parseTimeRange({ range: 'custom', from: '2026-01-01T06:30', to: '2026-03-01T00:00' }, now)).toMatchObject({
      from: new Date('2026-01-01T06:30:00Z'),
      to: new Date('2026-03-01T00:00:00Z'),
      granularity: 'day',
    });
  });

  it.each([
    [{ range: '2w' }, /^range: expected one of 15m, 1h, 6h, 24h, 7d, 30d, 90d, 1y, custom/],
    [{ range: 'custom', to: '2026-03-01' }, /^from: expected a date/],
    [{ range: 'custom', from: '2026-02-30', to: '2026-03-01' }, /^from: expected a date/],
    [{ range: 'custom', from: '2026-03-01', to: 'yesterday' }, /^to: expected a date/],
    [{ range: 'custom', from: '2026-03-02T10:00', to: '2026-03-02T09:00' }, /^to: must be after from/],
    [{ range: 'custom', from: '2020-01-01', to: '2026-03-01' }, /^to: a custom range spans at most 1095 days/],
  ])('rejects %o with a message naming the field', (params, message) => {
    expect(() => parseTimeRange(params, now)).toThrow(UserError);
    expect(() => parseTimeRange(params, now)).toThrow(message);
  });
});

describe('bucket spans', () => {
  it('covers every hour from the one holding "from" to the one holding "to"', () => {
    const span = bucketSpan({ ...parseTimeRange({ range: '24h' }, now), granularity: 'hour' });
    expect(span.keys).toHaveLength(25);
    expect(span.keys[0]).toBe('2026-03-09T14');
    expect(span.keys.at(-1)).toBe('2026-03-10T14');
    expect(span).toMatchObject({ granularity: 'hour', first: '2026-03-09T14', afterLast: '2026-03-10T15' });
  });

  it('covers minutes, and 5 minutes keyed by their first minute', () => {
    const minutes = bucketSpan({ granularity: 'minute', from: new Date('2026-03-10T13:25:30Z'), to: new Date('2026-03-10T14:25:30Z') });
    expect(minutes.keys).toHaveLength(61);
    expect(minutes).toMatchObject({ first: '2026-03-10T13:25', afterLast: '2026-03-10T14:26' });
    const fives = bucketSpan({ granularity: '5min', from: new Date('2026-03-10T13:27:00Z'), to: new Date('2026-03-10T13:41:00Z') });
    expect(fives).toEqual({
      granularity: '5min',
      keys: ['2026-03-10T13:25', '2026-03-10T13:30', '2026-03-10T13:35', '2026-03-10T13:40'],
      first: '2026-03-10T13:25',
      afterLast: '2026-03-10T13:45',
    });
    expect(enclosingBucket('2026-03-10T13:59', '5min')).toBe('2026-03-10T13:55');
    expect(enclosingBucket('2026-03-10T13:59', 'hour')).toBe('2026-03-10T13');
    expect(bucketTime('2026-03-10T13:55')).toEqual(new Date('2026-03-10T13:55:00Z'));
  });

  it('covers whole days for daily ranges, and an exact end excludes its own bucket', () => {
    const span = bucketSpan({ granularity: 'day', from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-04T00:00:00Z') });
    expect(span).toEqual({ granularity: 'day', keys: ['2026-03-01', '2026-03-02', '2026-03-03'], first: '2026-03-01', afterLast: '2026-03-04' });
  });

  it('maps keys back to times', () => {
    expect(bucketTime('2026-03-09T14').toISOString()).toBe('2026-03-09T14:00:00.000Z');
    expect(bucketTime('2026-03-09').toISOString()).toBe('2026-03-09T00:00:00.000Z');
  });
});

describe('fillBuckets and kpiChange', () => {
  it('puts a made point in every empty bucket, keeping key order', () => {
    const filled = fillBuckets(
      ['a', 'b', 'c'],
      [
        { bucket: 'c', n: 3 },
        { bucket: 'a', n: 1 },
      ],
      (bucket) => ({ bucket, n: 0 }),
    );
    expect(filled).toEqual([
      { bucket: 'a', n: 1 },
      { bucket: 'b', n: 0 },
      { bucket: 'c', n: 3 },
    ]);
  });

  it('gives the relative change, or null when there is nothing to compare with', () => {
    expect(kpiChange(150, 100)).toEqual({ current: 150, previous: 100, changePct: 50 });
    expect(kpiChange(50, 100).changePct).toBe(-50);
    expect(kpiChange(5, 0).changePct).toBeNull();
    expect(kpiChange(null, 3).changePct).toBeNull();
    expect(kpiChange(3, null).changePct).toBeNull();
  });
});
