import type { Reader } from '../../db/client';
import { listPolicyRows } from '../../db/queries/retention';
import { processWide } from '../process-wide';
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

/** Ingestion asks on every request; the policies change rarely, and another process's change (the CLI) shows within this. */
const CACHE_MS = 10_000;

// `changes` counts forgetLongestRetention calls: a read that began before a change does not refill the cache.
const cache = () => processWide('longest-retention', () => ({ changes: 0, entries: new Map<string, { days: number | null; readAt: number }>() }));

/**
 * How many days retention keeps what a metric writes: the longest active policy among the tables a
 * metric lands in, or null when one of them keeps its rows for ever (no policy, or an inactive one).
 * A metric older than that is past every period that applies to it (the next cleanup would delete its
 * hourly and daily rollups, which age by the metric's time), so ingestion refuses it. Read at most every CACHE_MS per
 * database, and afresh after this process changes a policy (forgetLongestRetention).
 */
export async function longestRetentionDays(db: Reader, now: number = Date.now()): Promise<number | null> {
  const { changes, entries } = cache();
  const cached = entries.get(db.location);
  if (cached && now - cached.readAt < CACHE_MS) return cached.days;
  const policies = new Map((await listPolicyRows(db)).map((row) => [row.table_name, row]));
  const kept = METRIC_TABLES.map((table) => policies.get(table));
  const days = kept.every((policy) => policy?.is_active) ? Math.max(...kept.map((policy) => policy!.retention_days)) : null;
  if (cache().changes === changes) entries.set(db.location, { days, readAt: now });
  return days;
}

/** Called when a policy changes, so that ingestion applies the new one at once. */
export function forgetLongestRetention(): void {
  const state = cache();
  state.changes++;
  state.entries.clear();
}
