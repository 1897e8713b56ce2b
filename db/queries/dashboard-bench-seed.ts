import type { Sqlite } from '../connection';
import type { MetricRow } from './ingest';
import { statement } from './prepared';

// Bulk loading for bench:dashboard only: a throw-away temp database, so durability is not wanted.
export function useBulkLoadMode(db: Sqlite): void {
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
}

const METRIC_COLUMNS = 11;
export const METRICS_PER_STATEMENT = 100;

function multiRowInsert(table: string, columns: string, perRow: number, rows: number): string {
  const tuple = `(${Array(perRow).fill('?').join(', ')})`;
  return `INSERT INTO ${table} (${columns}) VALUES ${Array(rows).fill(tuple).join(', ')}`;
}

// As `datetime('now')` writes it when the row arrives with its metric.
const createdAt = (isoTimestamp: string) => `${isoTimestamp.slice(0, 10)} ${isoTimestamp.slice(11, 19)}`;

/** Inserts raw metrics, METRICS_PER_STATEMENT rows a statement (one round trip per hundred rows). */
export function insertSeedMetrics(db: Sqlite, rows: MetricRow[]): void {
  const columns = 'request_id, service, service_version, instance_id, metric_type, timestamp, value, duration_ms, dimensions, metadata, created_at';
  const values: unknown[] = [];
  const flush = (count: number) => {
    if (count) statement(db, multiRowInsert('metrics', columns, METRIC_COLUMNS, count)).run(values);
    values.length = 0;
  };
  let pending = 0;
  for (const r of rows) {
    values.push(
      r.requestId,
      r.service,
      r.serviceVersion,
      r.instanceId,
      r.metricType,
      r.timestamp,
      r.value,
      r.durationMs,
      r.dimensions,
      r.metadata,
      createdAt(r.timestamp),
    );
    if (++pending === METRICS_PER_STATEMENT) (flush(pending), (pending = 0));
  }
  flush(pending);
}

/** The newest hour with a rollup row, as stored. */
export function latestHourlyBucket(db: Sqlite): string {
  return (statement(db, `SELECT max(hour_timestamp) AS hour FROM metrics_hourly`).get() as { hour: string }).hour;
}
