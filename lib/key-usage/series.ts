import type { Reader } from '../../db/client';
import { keyUsageBuckets, type KeyUsageBucket } from '../../db/queries/key-usage';
import type { ApiKeyRecord } from '../../db/queries/api-keys';
import { bucketSpan } from '../dashboard/buckets';
import { fillBuckets } from '../dashboard/fill-buckets';
import { coarseGranularityFor, RANGE_PRESETS, type RangePreset } from '../dashboard/time-range';

/** The ranges the per-key usage page offers. */
export const KEY_USAGE_RANGES = ['24h', '7d', '30d', '90d'] as const satisfies readonly RangePreset[];
export type KeyUsageRange = (typeof KEY_USAGE_RANGES)[number];
export const DEFAULT_KEY_USAGE_RANGE: KeyUsageRange = '7d';

export const isKeyUsageRange = (value: string | undefined): value is KeyUsageRange => (KEY_USAGE_RANGES as readonly string[]).includes(value ?? '');

export interface KeyUsage {
  granularity: 'hour' | 'day';
  points: KeyUsageBucket[];
  totals: Omit<KeyUsageBucket, 'bucket'>;
}

/** A key's requests, 4xx answers and 429s per hour (up to 7 days) or per day, empty buckets included. */
export async function keyUsageSeries(db: Reader, key: ApiKeyRecord, range: KeyUsageRange, now: Date = new Date()): Promise<KeyUsage> {
  const span = RANGE_PRESETS[range].ms;
  const granularity = coarseGranularityFor(span);
  const buckets = bucketSpan({ from: new Date(now.getTime() - span), to: now, granularity });
  const rows = await keyUsageBuckets(db, key.keyHash, granularity === 'hour' ? 13 : 10, buckets.first, buckets.afterLast);
  const points = fillBuckets(buckets.keys, rows, (bucket) => ({ bucket, requests: 0, clientErrors: 0, rateLimited: 0 }));
  const totals = points.reduce(
    (sum, p) => ({ requests: sum.requests + p.requests, clientErrors: sum.clientErrors + p.clientErrors, rateLimited: sum.rateLimited + p.rateLimited }),
    { requests: 0, clientErrors: 0, rateLimited: 0 },
  );
  return { granularity, points, totals };
}
