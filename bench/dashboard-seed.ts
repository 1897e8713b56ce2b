import type { Reader, Tx } from '../db/client';
import { METRIC_COLUMNS, metricValues, type MetricRow } from '../db/queries/ingest';
import { insertRows } from '../db/queries/insert-rows';
import type { Sqlite } from '../db/sqlite-file';

// bench:dashboard's seeding, kept out of the product's queries.

/** A throw-away temp database: durability is not wanted while loading it. */
export function useBulkLoadMode(connection: Sqlite): void {
  connection.pragma('synchronous = OFF');
  connection.pragma('cache_size = -262144');
}

const SEED_COLUMNS = [...METRIC_COLUMNS, 'created_at'];

// As `datetime('now')` writes it when the row arrives with its metric.
const createdAt = (isoTimestamp: string) => `${isoTimestamp.slice(0, 10)} ${isoTimestamp.slice(11, 19)}`;

/**
 * Inserts raw metrics with the ingest path's multi-row INSERTs, each created when its metric happened;
 * on PostgreSQL, whose raw table is partitioned by created_at month from the first migration on, all
 * as created `arrivedAt` (a database filled today).
 */
export function insertSeedMetrics(tx: Tx, rows: MetricRow[], arrivedAt?: string): Promise<void> {
  const values = rows.map((r) => [...metricValues(r), arrivedAt ?? createdAt(r.timestamp)]);
  return insertRows(tx, 'metrics', SEED_COLUMNS, values);
}

/** The newest hour with a rollup row, as stored. */
export async function latestHourlyBucket(db: Reader): Promise<string> {
  return (await db.get<{ hour: string }>(`SELECT max(hour_timestamp) AS hour FROM metrics_hourly`))!.hour;
}
