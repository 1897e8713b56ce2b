import type { Sqlite } from '../../db/connection';
import { insertAuthMetric, insertDiscoveryMetric, insertMetric, insertToolMetric, recordKeyUsage, type KeyUsage } from '../../db/queries/ingest';
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

/** Commits the writes of several requests in one transaction: all of them, or (on error) none. */
export function commitWrites(db: Sqlite, jobs: readonly WriteJob[]): void {
  db.transaction(() => {
    for (const job of jobs) {
      for (const m of job.metrics) {
        insertMetric(db, m.row);
        if (m.specialized) insertSpecialized(db, m.specialized);
      }
    }
    applyRollups(
      db,
      jobs.flatMap((job) => job.metrics.map((m) => ({ service: m.row.service, metricType: m.row.metricType, timestamp: m.row.timestamp, rollup: m.rollup }))),
    );
    for (const job of jobs) if (job.usage) recordKeyUsage(db, job.usage);
  }).immediate();
}
