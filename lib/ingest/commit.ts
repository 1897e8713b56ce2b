import { writeTransaction, type Db, type Tx } from '../../db/client';
import {
  insertAuthMetrics,
  insertDiscoveryMetrics,
  insertMetrics,
  insertToolMetrics,
  countRefusedRequest,
  recordKeyUsage,
  type AuthMetricRow,
  type DiscoveryMetricRow,
  type KeyUsage,
  type ToolMetricRow,
} from '../../db/queries/ingest';
import { applyRollups } from '../rollups/apply';
import type { PreparedMetric } from './rows';

/** What one HTTP request writes: its accepted metrics (maybe none) and its usage-log entry (known keys). */
export interface WriteJob {
  metrics: readonly PreparedMetric[];
  usage: KeyUsage | null;
}

/** Each metric's row of its type's table, a statement per table. */
async function insertSpecialized(tx: Tx, metrics: readonly PreparedMetric[]): Promise<void> {
  const auth: AuthMetricRow[] = [];
  const discovery: DiscoveryMetricRow[] = [];
  const tools: ToolMetricRow[] = [];
  for (const { specialized: s } of metrics) {
    if (s?.table === 'auth_metrics') auth.push(s.row);
    else if (s?.table === 'discovery_metrics') discovery.push(s.row);
    else if (s?.table === 'tool_metrics') tools.push(s.row);
  }
  await insertAuthMetrics(tx, auth);
  await insertDiscoveryMetrics(tx, discovery);
  await insertToolMetrics(tx, tools);
}

/**
 * Commits the writes of several requests in one transaction: all of them, or (on error) none.
 * Metrics go in in timestamp order (stable, so a request's own order is kept for equal times):
 * concurrent requests interleave their times, and in-order index inserts touch far fewer pages.
 */
export async function commitWrites(db: Db, jobs: readonly WriteJob[]): Promise<void> {
  const metrics = jobs.flatMap((job) => job.metrics).sort((a, b) => (a.row.timestamp < b.row.timestamp ? -1 : a.row.timestamp > b.row.timestamp ? 1 : 0));
  await writeTransaction(db, async (tx) => {
    await insertMetrics(
      tx,
      metrics.map((m) => m.row),
    );
    await insertSpecialized(tx, metrics);
    await applyRollups(tx, metrics);
    // By key, so that concurrent commits (several servers on one PostgreSQL) lock api_keys rows in one order.
    const usages = jobs.flatMap((job) => (job.usage ? [job.usage] : [])).sort((a, b) => (a.keyHash < b.keyHash ? -1 : a.keyHash > b.keyHash ? 1 : 0));
    for (const usage of usages) await (usage.refused ? countRefusedRequest : recordKeyUsage)(tx, usage);
  });
}
