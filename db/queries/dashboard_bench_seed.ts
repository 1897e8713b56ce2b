import type { Sqlite } from '../connection';
import { statement } from './prepared';

// Bulk loading for bench:dashboard only: a throw-away temp database, so durability is not wanted.
export function useBulkLoadMode(db: Sqlite): void {
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
}

export interface SeedMetric {
  requestId: string;
  service: string;
  metricType: string;
  timestamp: string;
  value: number;
  durationMs: number | null;
  dimensions: string | null;
}

const METRIC_COLUMNS = 11;
export const METRICS_PER_STATEMENT = 100;

function multiRowInsert(table: string, columns: string, perRow: number, rows: number): string {
  const tuple = `(${Array(perRow).fill('?').join(', ')})`;
  return `INSERT INTO ${table} (${columns}) VALUES ${Array(rows).fill(tuple).join(', ')}`;
}

/** Inserts raw metrics, METRICS_PER_STATEMENT rows a statement (one round trip per hundred rows). */
export function insertSeedMetrics(db: Sqlite, rows: SeedMetric[]): void {
  const columns = 'request_id, service, service_version, instance_id, metric_type, timestamp, value, duration_ms, dimensions, metadata, created_at';
  const values: unknown[] = [];
  const flush = (count: number) => {
    if (count) statement(db, multiRowInsert('metrics', columns, METRIC_COLUMNS, count)).run(values);
    values.length = 0;
  };
  let pending = 0;
  for (const r of rows) {
    values.push(r.requestId, r.service, '1.0.0', `${r.service}-1`, r.metricType, r.timestamp, r.value, r.durationMs, r.dimensions, null, r.timestamp);
    if (++pending === METRICS_PER_STATEMENT) flush(pending), (pending = 0);
  }
  flush(pending);
}

export interface SeedRollup {
  service: string;
  metricType: string;
  bucket: string;
  count: number;
  sumValue: number;
  minValue: number;
  maxValue: number;
  sumDurationMs: number;
  durationCount: number;
  successCount: number;
  failureCount: number;
  durationSketch: string | null;
}

/** Writes rollup rows as ingestion would have left them (bucket in the table's own format). */
export function insertSeedRollups(db: Sqlite, table: 'metrics_hourly' | 'metrics_daily', rows: SeedRollup[]): void {
  const bucketColumn = table === 'metrics_hourly' ? 'hour_timestamp' : 'date';
  const insert = statement(
    db,
    `INSERT INTO ${table} (service, metric_type, ${bucketColumn}, count, sum_value, avg_value, min_value, max_value,
       sum_duration_ms, avg_duration_ms, success_count, failure_count, duration_count, duration_sketch)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of rows) {
    insert.run(r.service, r.metricType, r.bucket, r.count, r.sumValue, r.sumValue / r.count, r.minValue, r.maxValue,
      r.sumDurationMs, r.durationCount ? r.sumDurationMs / r.durationCount : 0, r.successCount, r.failureCount, r.durationCount, r.durationSketch);
  }
}

export function countRows(db: Sqlite, table: 'metrics' | 'metrics_hourly' | 'metrics_daily'): number {
  return (statement(db, `SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** The newest hour with a rollup row, as stored. */
export function latestHourlyBucket(db: Sqlite): string {
  return (statement(db, `SELECT max(hour_timestamp) AS hour FROM metrics_hourly`).get() as { hour: string }).hour;
}
