import type { Reader } from '../../db/client';
import type { ApiKeyRecord } from '../../db/queries/api-keys';
import { countKeyRequestsSince } from '../../db/queries/ingest';
import { processWide } from '../process-wide';

/** The endpoint whose requests count against daily/monthly limits. */
export const QUOTA_ENDPOINT = '/metrics';
/** Refused before the quota was consulted (bad key) or by it / the rate limit: these requests do not count. */
export const UNCOUNTED_STATUSES = [401, 429] as const;

interface Counts {
  day: string;
  dayCount: number;
  month: string;
  monthCount: number;
}

/**
 * Counts per database and key. They start from the persisted api_key_usage_log (so limits survive a
 * restart) the first time a key with a limit is seen, then count in memory as requests are admitted:
 * no per-request COUNT over the log, and concurrent requests cannot slip past the limit.
 */
const counters = () => processWide('quota-counters', () => new Map<string, Map<string, Counts>>());

export type QuotaVerdict = { admitted: true } | { admitted: false; detail: string; retryAfterSeconds: number };

const periodStarts = (now: Date) => ({
  day: now.toISOString().slice(0, 10),
  month: now.toISOString().slice(0, 7),
  nextDay: Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1),
  nextMonth: Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1),
});

async function countsFor(db: Reader, key: ApiKeyRecord, day: string, month: string): Promise<Counts | undefined> {
  let perKey = counters().get(db.location);
  if (!perKey) counters().set(db.location, (perKey = new Map()));
  let counts = perKey.get(key.keyHash);
  if (!counts) {
    if (key.dailyUsageLimit === null && key.monthlyUsageLimit === null) return undefined;
    const since = (start: string) => countKeyRequestsSince(db, key.keyHash, QUOTA_ENDPOINT, start, UNCOUNTED_STATUSES);
    const [dayCount, monthCount] = await Promise.all([since(`${day}T00:00:00.000Z`), since(`${month}-01T00:00:00.000Z`)]);
    // Another request of the key may have filled the entry while these counts were read.
    counts = perKey.get(key.keyHash) ?? { day, dayCount, month, monthCount };
    perKey.set(key.keyHash, counts);
  }
  if (counts.day !== day) Object.assign(counts, { day, dayCount: 0 });
  if (counts.month !== month) Object.assign(counts, { month, monthCount: 0 });
  return counts;
}

/** Admits (and counts) one request of the key, or refuses it with the limit it hit. */
export async function admitRequest(db: Reader, key: ApiKeyRecord, now: Date = new Date()): Promise<QuotaVerdict> {
  const period = periodStarts(now);
  const counts = await countsFor(db, key, period.day, period.month);
  if (!counts) return { admitted: true };
  const secondsUntil = (epochMs: number) => Math.max(1, Math.ceil((epochMs - now.getTime()) / 1000));
  if (key.dailyUsageLimit !== null && counts.dayCount >= key.dailyUsageLimit) {
    return {
      admitted: false,
      detail: `Daily usage limit exceeded. Limit: ${key.dailyUsageLimit} requests/day`,
      retryAfterSeconds: secondsUntil(period.nextDay),
    };
  }
  if (key.monthlyUsageLimit !== null && counts.monthCount >= key.monthlyUsageLimit) {
    return {
      admitted: false,
      detail: `Monthly usage limit exceeded. Limit: ${key.monthlyUsageLimit} requests/month`,
      retryAfterSeconds: secondsUntil(period.nextMonth),
    };
  }
  counts.dayCount += 1;
  counts.monthCount += 1;
  return { admitted: true };
}
