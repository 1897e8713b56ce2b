import type { Db } from '../../db/client';
import type { ApiKeyRecord } from '../../db/queries/api-keys';
import { admitQuota } from '../../db/queries/usage-counters';

export type QuotaVerdict = { admitted: true } | { admitted: false; detail: string; retryAfterSeconds: number };

/** Admits (and counts) one request of the key against its daily/monthly limits, or refuses it with the limit it hit. */
export async function admitRequest(db: Db, key: ApiKeyRecord, now: Date = new Date()): Promise<QuotaVerdict> {
  if (key.dailyUsageLimit === null && key.monthlyUsageLimit === null) return { admitted: true };
  const iso = now.toISOString();
  const outcome = await admitQuota(db, key.keyHash, {
    day: iso.slice(0, 10),
    month: iso.slice(0, 7),
    dailyLimit: key.dailyUsageLimit,
    monthlyLimit: key.monthlyUsageLimit,
  });
  if (outcome === 'admitted') return { admitted: true };
  const secondsUntil = (epochMs: number) => Math.max(1, Math.ceil((epochMs - now.getTime()) / 1000));
  return outcome === 'daily'
    ? {
        admitted: false,
        detail: `Daily usage limit exceeded. Limit: ${key.dailyUsageLimit} requests/day`,
        retryAfterSeconds: secondsUntil(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)),
      }
    : {
        admitted: false,
        detail: `Monthly usage limit exceeded. Limit: ${key.monthlyUsageLimit} requests/month`,
        retryAfterSeconds: secondsUntil(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)),
      };
}
