import type { Sqlite } from '../../db/connection';
import { insertAuthMetric, insertDiscoveryMetric, insertMetrics, insertToolMetric, recordKeyUsage, type KeyUsage } from '../../db/queries/ingest';
import { applyRollups } from '../rollups/apply';
import type { PreparedMetric, SpecializedRow } from './rows';

/** What one HTTP request writes: its accepted metrics (maybe none) and its usage-log entry (known keys). */
export interface WriteJob {
  metrics: readonly PreparedMetric[];
  usage: KeyUsage | null;
}

function insertSpecialized(db: Sqlite, s: SpecializedRow): void {
  if (s.table === 'auth_metrics') insertAuthMetric(db, s.row);
  else if (s.table === 'discovery_metrics') insertDiscoveryMetric(db, s.row);
  else insertToolMetric(db, s.row);
}

/**
 * Commits the writes of several requests in one transaction: all of them, or (on error) none.
 * Metrics go in in timestamp order (stable, so a request's own order is kept for equal times):
 * concurrent requests interleave their times, and in-order index inserts touch far fewer pages.
 */
export function commitWrites(db: Sqlite, jobs: readonly WriteJob[]): void {
  const metrics = jobs.flatMap((job) => job.metrics).sort((a, b) => (a.row.timestamp < b.row.timestamp ? -1 : a.row.timestamp > b.row.timestamp ? 1 : 0));
  db.transaction(() => {
    insertMetrics(db, metrics.map((m) => m.row));
    for (const m of metrics) if (m.specialized) insertSpecialized(db, m.specialized);
    applyRollups(db, metrics);
    for (const job of jobs) if (job.usage) recordKeyUsage(db, job.usage);
  }).immediate();
}
