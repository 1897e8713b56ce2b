import type { Reader } from '../../db/client';
import { listPolicyRows } from '../../db/queries/retention';
import { cutoffInstant } from '../retention/cutoff';
import { MINUTE_ROLLUPS_KEPT_MS, type Granularity } from './time-range';

/** For each rollup level, the instant (epoch ms) from which its rows are all still there; a level left out keeps every row. */
export type RowsKeptFrom = Partial<Record<Granularity, number>>;

const TABLE_OF: Record<Granularity, string> = { minute: 'metrics_minutely', '5min': 'metrics_5min', hour: 'metrics_hourly', day: 'metrics_daily' };

/**
 * Minute and 5-minute rows are counted on for MINUTE_ROLLUPS_KEPT_MS at most: they exist only since migration
 * 0011 and are charted for the last 2 days (time-range.ts). Kept longer, they are not read further back.
 */
export const defaultRowsKeptFrom = (now: Date): RowsKeptFrom => ({
  minute: now.getTime() - MINUTE_ROLLUPS_KEPT_MS,
  '5min': now.getTime() - MINUTE_ROLLUPS_KEPT_MS,
});

/**
 * What the rollup tables still hold under their active retention policies, read afresh for each view (one
 * small query): a policy shortened by an admin, and the cleanup run right after, must not leave the
 * overview counting rows that are gone. Cleanup deletes rows older than its cutoff (`now` - days, at its
 * run), so every row at or after `now` - days is there whenever it ran. A policy lengthened again cannot
 * bring back the rows deleted under the shorter one: those read as none until they age past it.
 */
export async function rowsKeptFrom(db: Reader, now: Date): Promise<RowsKeptFrom> {
  // The rows themselves, not getRetentionPolicies: that verb's module validates with zod, which the overview's
  // reader threads do not load (tests/reader-threads.test.ts).
  const policies = new Map((await listPolicyRows(db)).filter((p) => p.is_active).map((p) => [p.table_name, p.retention_days]));
  const kept = defaultRowsKeptFrom(now);
  for (const level of Object.keys(TABLE_OF) as Granularity[]) {
    const days = policies.get(TABLE_OF[level]);
    if (days !== undefined) kept[level] = Math.max(kept[level] ?? -Infinity, cutoffInstant(days, now).getTime());
  }
  return kept;
}
