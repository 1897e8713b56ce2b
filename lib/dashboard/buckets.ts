import type { Granularity, TimeRange } from './time-range';

const STEP_MS: Record<Granularity, number> = { minute: 60_000, '5min': 300_000, hour: 3_600_000, day: 86_400_000 };
// A bucket's key is the prefix of its ISO time: `2026-01-02T13:05` (a minute, or the first minute of 5),
// `2026-01-02T13` (hour) or `2026-01-02` (day). As a string bound it compares correctly against any ISO
// timestamp inside or after the bucket.
const KEY_LENGTH: Record<Granularity, number> = { minute: 16, '5min': 16, hour: 13, day: 10 };

/** A bucket's length in milliseconds. */
export const bucketStepMs = (granularity: Granularity) => STEP_MS[granularity];

export function bucketStart(at: Date, granularity: Granularity): Date {
  const step = STEP_MS[granularity];
  return new Date(Math.floor(at.getTime() / step) * step);
}

export const bucketKey = (at: Date, granularity: Granularity): string => bucketStart(at, granularity).toISOString().slice(0, KEY_LENGTH[granularity]);

/** The start time a bucket key stands for. */
export const bucketTime = (key: string): Date => new Date(key.length === 10 ? `${key}T00:00:00Z` : `${key}${key.length === 13 ? ':00' : ''}:00Z`);

/** The key of the bucket that holds a finer one (a minute's 5 minutes, an hour's day): the chart bucket a read's row falls in. */
export function enclosingBucket(key: string, granularity: Granularity): string {
  if (granularity !== '5min') return key.slice(0, KEY_LENGTH[granularity]);
  const minute = Number(key.slice(14, 16));
  return `${key.slice(0, 14)}${String(minute - (minute % 5)).padStart(2, '0')}`;
}

/** The buckets a range covers: from the one holding `from` through the one holding the instant before `to`. */
export interface BucketSpan {
  granularity: Granularity;
  keys: string[];
  /** Inclusive lower and exclusive upper bound, as bucket keys (see KEY_LENGTH). */
  first: string;
  afterLast: string;
}

export function bucketSpan(range: Pick<TimeRange, 'from' | 'to' | 'granularity'>): BucketSpan {
  const { granularity } = range;
  const step = STEP_MS[granularity];
  const start = bucketStart(range.from, granularity).getTime();
  const end = bucketStart(new Date(range.to.getTime() - 1), granularity).getTime() + step;
  const keys: string[] = [];
  for (let t = start; t < end; t += step) keys.push(bucketKey(new Date(t), granularity));
  return { granularity, keys, first: keys[0], afterLast: bucketKey(new Date(end), granularity) };
}
