import { writeTransaction, type Db, type Tx } from '../client';
import { countKeyRequestsSince } from './ingest';

/**
 * Requests a key made per UTC day and month, for its daily/monthly limits. They start from the
 * persisted api_key_usage_log the first time a key with a limit is seen (so limits survive a
 * restart, and a limit set mid-day counts the day's earlier requests), then count as requests are
 * admitted: no COUNT over the log per request, and concurrent requests cannot slip past a limit.
 *
 * SQLite's one server process counts in its memory; on PostgreSQL every server of the database shares
 * the counts as rows (usage_counters), each admission one short transaction.
 */
export interface QuotaPeriods {
  /** `YYYY-MM-DD` and `YYYY-MM` of now (UTC). */
  day: string;
  month: string;
  dailyLimit: number | null;
  monthlyLimit: number | null;
}

export type QuotaOutcome = 'admitted' | 'daily' | 'monthly';

/** The endpoint whose requests count against daily/monthly limits, and the refusals that do not count. */
export const QUOTA_ENDPOINT = '/metrics';
export const UNCOUNTED_STATUSES = [401, 429] as const;

const fromLog = (db: Db | Tx, keyHash: string, start: string) => countKeyRequestsSince(db, keyHash, QUOTA_ENDPOINT, start, UNCOUNTED_STATUSES);
const dayStart = (day: string) => `${day}T00:00:00.000Z`;
const monthStart = (month: string) => `${month}-01T00:00:00.000Z`;

interface Counts {
  day: string;
  dayCount: number;
  month: string;
  monthCount: number;
}

const MEMORY = Symbol.for('mcp-metrics.quota-counters');
const memoryCounts = (db: Db): Map<string, Counts> => {
  const holder = globalThis as { [MEMORY]?: Map<string, Map<string, Counts>> };
  const all = (holder[MEMORY] ??= new Map());
  let counts = all.get(db.location);
  if (!counts) all.set(db.location, (counts = new Map()));
  return counts;
};

async function admitInMemory(db: Db, keyHash: string, p: QuotaPeriods): Promise<QuotaOutcome> {
  const perKey = memoryCounts(db);
  let counts = perKey.get(keyHash);
  if (!counts) {
    const [dayCount, monthCount] = await Promise.all([fromLog(db, keyHash, dayStart(p.day)), fromLog(db, keyHash, monthStart(p.month))]);
    // Another request of the key may have filled the entry while these counts were read.
    counts = perKey.get(keyHash) ?? { day: p.day, dayCount, month: p.month, monthCount };
    perKey.set(keyHash, counts);
  }
  if (counts.day !== p.day) Object.assign(counts, { day: p.day, dayCount: 0 });
  if (counts.month !== p.month) Object.assign(counts, { month: p.month, monthCount: 0 });
  if (p.dailyLimit !== null && counts.dayCount >= p.dailyLimit) return 'daily';
  if (p.monthlyLimit !== null && counts.monthCount >= p.monthlyLimit) return 'monthly';
  counts.dayCount += 1;
  counts.monthCount += 1;
  return 'admitted';
}

/** One period's counter, created from the log if new, incremented only while under `limit`; false when at the limit. */
async function countStored(tx: Tx, keyHash: string, period: string, start: string, limit: number | null): Promise<boolean> {
  await tx.run(`INSERT INTO usage_counters (key_hash, period, requests) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, [
    keyHash,
    period,
    await fromLog(tx, keyHash, start),
  ]);
  const counted = await tx.run(
    `UPDATE usage_counters SET requests = requests + 1 WHERE key_hash = ? AND period = ?${limit === null ? '' : ' AND requests < ?'}`,
    limit === null ? [keyHash, period] : [keyHash, period, limit],
  );
  return counted > 0;
}

/** Admits (and counts) one request of the key, or names the limit it hit. */
export async function admitQuota(db: Db, keyHash: string, p: QuotaPeriods): Promise<QuotaOutcome> {
  if (db.engine === 'sqlite') return admitInMemory(db, keyHash, p);
  // Thrown to roll back the day's count when the month's limit refuses the request.
  const refused = new Error('quota');
  try {
    return await writeTransaction(db, async (tx) => {
      if (!(await countStored(tx, keyHash, `day:${p.day}`, dayStart(p.day), p.dailyLimit))) throw Object.assign(refused, { outcome: 'daily' });
      if (!(await countStored(tx, keyHash, `month:${p.month}`, monthStart(p.month), p.monthlyLimit))) throw Object.assign(refused, { outcome: 'monthly' });
      return 'admitted' as const;
    });
  } catch (error) {
    if (error === refused) return (refused as Error & { outcome: QuotaOutcome }).outcome;
    throw error;
  }
}
