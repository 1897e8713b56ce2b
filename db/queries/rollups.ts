import type { Reader, Tx } from '../client';
import { hourText, isoPrefix, minuteText, nowSql } from './dialect';

/**
 * metrics_minutely (bucket `minute_timestamp`, `YYYY-MM-DDTHH:MM:00Z`), metrics_5min (`minute_timestamp`, the
 * bucket's first minute), metrics_hourly (`hour_timestamp`, `YYYY-MM-DDTHH:00:00Z`) or metrics_daily (`date`, `YYYY-MM-DD`).
 */
export type Grain = 'minutely' | '5min' | 'hourly' | 'daily';

const TABLES = {
  minutely: { table: 'metrics_minutely', bucket: 'minute_timestamp' },
  '5min': { table: 'metrics_5min', bucket: 'minute_timestamp' },
  hourly: { table: 'metrics_hourly', bucket: 'hour_timestamp' },
  daily: { table: 'metrics_daily', bucket: 'date' },
} as const;

export interface RollupKey {
  service: string;
  metricType: string;
  bucket: string;
}

export interface RollupStats {
  count: number;
  sumValue: number;
  avgValue: number;
  minValue: number | null;
  maxValue: number | null;
  sumDurationMs: number;
  avgDurationMs: number;
  durationCount: number;
  successCount: number;
  failureCount: number;
  durationSketch: string | null;
}

export type RollupRow = RollupKey & RollupStats;

const STATS = `COALESCE(count, 0) AS count, COALESCE(sum_value, 0) AS "sumValue", COALESCE(avg_value, 0) AS "avgValue", min_value AS "minValue",
  max_value AS "maxValue", COALESCE(sum_duration_ms, 0) AS "sumDurationMs", COALESCE(avg_duration_ms, 0) AS "avgDurationMs",
  COALESCE(duration_count, 0) AS "durationCount", COALESCE(success_count, 0) AS "successCount", COALESCE(failure_count, 0) AS "failureCount",
  duration_sketch AS "durationSketch"`;

/**
 * A row's stored statistics, for the transaction that will write it back: on PostgreSQL, where
 * several servers may commit into the same row at once, the row is created empty if need be and locked
 * until the transaction ends (callers lock rows in one fixed order, so two commits cannot deadlock);
 * SQLite's write transactions already run one at a time.
 */
export async function lockRollup(tx: Tx, grain: Grain, key: RollupKey): Promise<RollupStats | undefined> {
  const { table, bucket } = TABLES[grain];
  const params = [key.service, key.metricType, key.bucket];
  if (tx.engine === 'sqlite') return tx.get<RollupStats>(`SELECT ${STATS} FROM ${table} WHERE service = ? AND metric_type = ? AND ${bucket} = ?`, params);
  await tx.run(`INSERT INTO ${table} (service, metric_type, ${bucket}) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, params);
  return tx.get<RollupStats>(`SELECT ${STATS} FROM ${table} WHERE service = ? AND metric_type = ? AND ${bucket} = ? FOR UPDATE`, params);
}

/** Writes a row's full statistics (the caller merged them with the stored ones). */
export async function upsertRollup(tx: Tx, grain: Grain, row: RollupRow): Promise<void> {
  const { table, bucket } = TABLES[grain];
  await tx.run(
    `INSERT INTO ${table} (service, metric_type, ${bucket}, count, sum_value, avg_value, min_value, max_value, sum_duration_ms, avg_duration_ms,
       duration_count, success_count, failure_count, duration_sketch)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (service, metric_type, ${bucket}) DO UPDATE SET count = excluded.count, sum_value = excluded.sum_value,
       avg_value = excluded.avg_value, min_value = excluded.min_value, max_value = excluded.max_value, sum_duration_ms = excluded.sum_duration_ms,
       avg_duration_ms = excluded.avg_duration_ms, duration_count = excluded.duration_count, success_count = excluded.success_count,
       failure_count = excluded.failure_count, duration_sketch = excluded.duration_sketch, updated_at = ${nowSql(tx)}`,
    [
      row.service,
      row.metricType,
      row.bucket,
      row.count,
      row.sumValue,
      row.avgValue,
      row.minValue,
      row.maxValue,
      row.sumDurationMs,
      row.avgDurationMs,
      row.durationCount,
      row.successCount,
      row.failureCount,
      row.durationSketch,
    ],
  );
}

/** Deletes the rows whose bucket lies in [from, to) (bucket strings compare in time order). */
export function deleteRollups(tx: Tx, grain: Grain, from: string, to: string): Promise<number> {
  const { table, bucket } = TABLES[grain];
  return tx.run(`DELETE FROM ${table} WHERE ${bucket} >= ? AND ${bucket} < ?`, [from, to]);
}

/** Metrics counted by the rollup rows whose bucket lies in [from, to). */
export async function countRolledUp(db: Reader, grain: Grain, from: string, to: string): Promise<number> {
  const { table, bucket } = TABLES[grain];
  return (await db.get<{ n: number }>(`SELECT COALESCE(SUM(count), 0) AS n FROM ${table} WHERE ${bucket} >= ? AND ${bucket} < ?`, [from, to]))!.n;
}

/** The first and last day (`YYYY-MM-DD`) holding raw metrics or daily rollups; null when neither has rows. */
export async function rollupDaySpan(db: Reader): Promise<{ first: string; last: string } | null> {
  const day = (sql: string) => (db.engine === 'sqlite' ? sql : `${sql}::text`);
  const span = await db.get<{ first: string | null; last: string | null }>(
    `SELECT MIN(first) AS first, MAX(last) AS last FROM (
       SELECT ${isoPrefix(db, 'MIN(timestamp)', 10)} AS first, ${isoPrefix(db, 'MAX(timestamp)', 10)} AS last FROM metrics
       UNION ALL SELECT ${day('MIN(date)')}, ${day('MAX(date)')} FROM metrics_daily) AS spans`,
  );
  return span?.first && span.last ? { first: span.first, last: span.last } : null;
}

/** Raw metrics with timestamp in [from, to). */
export async function countMetricsBetween(db: Reader, from: string, to: string): Promise<number> {
  return (await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM metrics WHERE timestamp >= ? AND timestamp < ?`, [from, to]))!.n;
}

export function listRollups(db: Reader, grain: Grain): Promise<RollupRow[]> {
  const { table, bucket } = TABLES[grain];
  const bucketText = grain === 'hourly' ? hourText(db, bucket) : grain === 'daily' ? bucket : minuteText(db, bucket);
  return db.all<RollupRow>(
    `SELECT service, metric_type AS "metricType", ${bucketText} AS bucket, ${STATS} FROM ${table} ORDER BY service, metric_type, ${bucket}`,
  );
}

export interface RawMetricForRollup {
  service: string;
  metricType: string;
  timestamp: string;
  value: number;
  durationMs: number | null;
  dimensions: string | null;
}

/** Raw metrics with timestamp in [from, to), in id (= ingestion) order, streamed. */
export function iterateMetricsForRollup(tx: Tx, from: string, to: string): AsyncIterable<RawMetricForRollup> {
  return tx.iterate<RawMetricForRollup>(
    `SELECT service, metric_type AS "metricType", timestamp, value, duration_ms AS "durationMs", dimensions
     FROM metrics WHERE timestamp >= ? AND timestamp < ? ORDER BY id`,
    [from, to],
  );
}
