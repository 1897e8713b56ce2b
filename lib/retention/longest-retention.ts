import type { Reader } from '../../db/client';
import { listPolicyRows } from '../../db/queries/retention';
import { readCache } from '../read-cache';
import type { RetentionTable } from './tables';

/** The tables an ingested metric is written to (its raw row, its type's row, its rollups). */
const METRIC_TABLES: readonly RetentionTable[] = [
  'metrics',
  'auth_metrics',
  'discovery_metrics',
  'tool_metrics',
  'metrics_minutely',
  'metrics_5min',
  'metrics_hourly',
  'metrics_daily',
];

/** Ingestion asks on every request; the policies change rarely, and another process's change (the CLI) shows within 10 s. */
const longest = readCache<number | null>('longest-retention', 10_000);

/**
 * How many days retention keeps what a metric writes: the longest active policy among the tables a
 * metric lands in, or null when one of them keeps its rows for ever (no policy, or an inactive one).
 * A metric older than that is past every period that applies to it (the next cleanup would delete its
 * hourly and daily rollups, which age by the metric's time), so ingestion refuses it. Read at most every 10 s per
 * database, and afresh after this process changes a policy (forgetLongestRetention).
 */
export function longestRetentionDays(db: Reader, now: number = Date.now()): Promise<number | null> {
  return longest.read(
    db.location,
    async () => {
      const policies = new Map((await listPolicyRows(db)).map((row) => [row.table_name, row]));
      const kept = METRIC_TABLES.map((table) => policies.get(table));
      return kept.every((policy) => policy?.is_active) ? Math.max(...kept.map((policy) => policy!.retention_days)) : null;
    },
    now,
  );
}

/** Called when a policy changes, so that ingestion applies the new one at once. */
export function forgetLongestRetention(): void {
  longest.forget();
}
