import path from 'node:path';
import { writeTransaction, type Db, type ThreadTask, type Tx } from '../../db/client';
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
import { applyDimensionRollups } from '../rollups/dimension-rollups';
import type { PreparedMetric } from './rows';

/** What the commit writes of a metric (the rest of a PreparedMetric is for what is recorded after it). */
export type MetricWrite = Pick<PreparedMetric, 'row' | 'specialized' | 'rollup'>;

/** What one HTTP request writes: its accepted metrics (maybe none) and its usage-log entry (known keys). */
export interface CommitJob {
  metrics: readonly MetricWrite[];
  usage: KeyUsage | null;
}

/** A request's writes as the ingest path holds them, with what it records once they are committed. */
export interface WriteJob extends CommitJob {
  metrics: readonly PreparedMetric[];
}

/** Each metric's row of its type's table, a statement per table. */
async function insertSpecialized(tx: Tx, metrics: readonly MetricWrite[]): Promise<void> {
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
export async function commitWrites(db: Db, jobs: readonly CommitJob[]): Promise<void> {
  const metrics = jobs.flatMap((job) => job.metrics).sort((a, b) => (a.row.timestamp < b.row.timestamp ? -1 : a.row.timestamp > b.row.timestamp ? 1 : 0));
  await writeTransaction(db, async (tx) => {
    await insertMetrics(
      tx,
      metrics.map((m) => m.row),
    );
    await insertSpecialized(tx, metrics);
    await applyRollups(tx, metrics);
    await applyDimensionRollups(tx, metrics);
    // By key, so that concurrent commits (several servers on one PostgreSQL) lock api_keys rows in one order.
    const usages = jobs.flatMap((job) => (job.usage ? [job.usage] : [])).sort((a, b) => (a.keyHash < b.keyHash ? -1 : a.keyHash > b.keyHash ? 1 : 0));
    for (const usage of usages) await (usage.refused ? countRefusedRequest : recordKeyUsage)(tx, usage);
  });
}

/** The jobs as JSON of just what the commit writes: ~2 µs a metric to encode, where a structured clone of the objects takes ~6. */
function encodeJobs(jobs: readonly CommitJob[]): string {
  return JSON.stringify(jobs.map(({ metrics, usage }) => ({ usage, metrics: metrics.map(({ row, specialized, rollup }) => ({ row, specialized, rollup })) })));
}

/** commitWrites in the writer thread: the jobs as encodeJobs sent them. */
export function commitEncodedWrites(db: Db, wire: string): Promise<void> {
  return commitWrites(db, JSON.parse(wire) as CommitJob[]);
}

/**
 * The group commit as a task of the database (Db.runTask): on SQLite its writer thread runs it, so the
 * event loop only parses, validates and prepares rows while the previous group commits.
 */
export const COMMIT_TASK: ThreadTask<readonly CommitJob[], void> = {
  module: path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'lib/ingest/commit.ts'),
  name: 'commitEncodedWrites',
  encode: encodeJobs,
  run: commitWrites,
};
