import type { Reader } from '../client';
import { isoPrefix } from './dialect';
import { queryPlan } from './query-plan';

/** Which rollup table a chart reads, and the bucket column it keys on. */
const ROLLUP = {
  hour: { table: 'metrics_hourly', bucket: 'hour_timestamp', keyLength: 13 },
  day: { table: 'metrics_daily', bucket: 'date', keyLength: 10 },
} as const;

export type RollupGranularity = keyof typeof ROLLUP;

export interface RollupFilter {
  granularity: RollupGranularity;
  /** Inclusive lower / exclusive upper bound as bucket keys (`YYYY-MM-DDTHH` or `YYYY-MM-DD`). */
  first: string;
  afterLast: string;
  service?: string;
  /** Only these metric types (none given: every type). */
  metricTypes?: readonly string[];
}

export interface RollupRow {
  id: number;
  bucket: string;
  service: string;
  metricType: string;
  count: number;
  successCount: number;
  failureCount: number;
  durationCount: number;
  sumDurationMs: number;
  durationSketch: string | null;
}

/** A rollup row's numbers, as every rollup table spells them (RollupRow's fields after bucket, service and type). */
export const ROLLUP_STATS = `count, success_count AS "successCount", failure_count AS "failureCount", duration_count AS "durationCount",
  sum_duration_ms AS "sumDurationMs", duration_sketch AS "durationSketch"`;

/**
 * What a bucket's rollup rows add up to in whole numbers, and its newest row: every write into a bucket adds
 * to its counts, retention takes whole rows away and a rollup rebuild writes new rows (ids are never reused),
 * so the same figures mean the same rows (lib/dashboard/bucket-sums.ts).
 */
export interface BucketSignature {
  bucket: string;
  rows: number;
  requests: number;
  successes: number;
  failures: number;
  durations: number;
  newest: number;
}

const SIGNATURE_COLUMNS = `count(*) AS rows, coalesce(sum(count), 0) AS requests, coalesce(sum(success_count), 0) AS successes,
  coalesce(sum(failure_count), 0) AS failures, coalesce(sum(duration_count), 0) AS durations, max(id) AS newest`;

/** The rows of a read, or (`signatures`) their BucketSignature per bucket. */
export type ReadShape = 'rows' | 'signatures';

/** What a read of `shape` selects after its bucket (the first column), and how it groups: rows as `rowColumns` are, or each bucket's signature. */
export const shapeOf = (shape: ReadShape, rowColumns: string) =>
  shape === 'rows' ? { columns: rowColumns, groupBy: '' } : { columns: SIGNATURE_COLUMNS, groupBy: 'GROUP BY 1' };

/** A rollup row's columns after its bucket (RollupRow), as the hourly, daily and minute tables spell them. */
export const ROLLUP_ROW_COLUMNS = `id, service, metric_type AS "metricType", ${ROLLUP_STATS}`;

// SQLite compares the text keys with the stored text; PostgreSQL's hour_timestamp is a timestamptz, so an
// hour key becomes the full instant it names (the daily `date` column takes `YYYY-MM-DD` as it is).
const boundParam = (db: Reader, key: string) => (db.engine === 'postgres' && key.length === 13 ? `${key}:00:00Z` : key);

/** `AND metric_type = ?` or `AND metric_type IN (?, ...)` for the types given, nothing without. */
export function typeCondition(metricTypes: readonly string[] | undefined): string {
  if (metricTypes === undefined) return '';
  return metricTypes.length === 1 ? 'AND metric_type = ?' : `AND metric_type IN (${metricTypes.map(() => '?').join(', ')})`;
}

// One SQL text per filter combination (and so one cached statement each), each planned on the index that
// bounds it by the range: idx_*_service_type_* with both filters, otherwise idx_hourly_hour / idx_daily_date
// (`+service` keeps a lone service filter off idx_*_service_type_* on SQLite, which would read that service's
// whole history; PostgreSQL's planner weighs the two itself).
function rollupQuery(db: Reader, filter: RollupFilter, shape: ReadShape): { sql: string; params: unknown[] } {
  const { table, bucket, keyLength } = ROLLUP[filter.granularity];
  const loneService = db.engine === 'sqlite' ? '+service' : 'service';
  const { columns, groupBy } = shapeOf(shape, ROLLUP_ROW_COLUMNS);
  const sql = `SELECT ${isoPrefix(db, bucket, keyLength)} AS bucket, ${columns}
    FROM ${table}
    WHERE ${bucket} >= ? AND ${bucket} < ?
      ${filter.service === undefined ? '' : filter.metricTypes === undefined ? `AND ${loneService} = ?` : 'AND service = ?'}
      ${typeCondition(filter.metricTypes)}
    ${groupBy}`;
  const params = [boundParam(db, filter.first), boundParam(db, filter.afterLast), filter.service, ...(filter.metricTypes ?? [])].filter((p) => p !== undefined);
  return { sql, params };
}

/** The rollup rows of a bucket span (one per service, metric type and bucket), bounded by the bucket index. */
export function selectRollupRows(db: Reader, filter: RollupFilter): Promise<RollupRow[]> {
  const { sql, params } = rollupQuery(db, filter, 'rows');
  return db.all<RollupRow>(sql, params);
}

/** The BucketSignature of each bucket of the span that has rows, on the same index search. */
export function selectRollupSignatures(db: Reader, filter: RollupFilter): Promise<BucketSignature[]> {
  const { sql, params } = rollupQuery(db, filter, 'signatures');
  return db.all<BucketSignature>(sql, params);
}

export function explainRollupRows(db: Reader, filter: RollupFilter, shape: ReadShape = 'rows'): Promise<string[]> {
  const { sql, params } = rollupQuery(db, filter, shape);
  return queryPlan(db, sql, params);
}

/** The (service, metric type) pairs that reported on the given days: the choices of the dashboard's filters. */
export function selectRollupDimensions(db: Reader, days: { first: string; afterLast: string }): Promise<{ service: string; metricType: string }[]> {
  return db.all(`SELECT DISTINCT service, metric_type AS "metricType" FROM metrics_daily WHERE date >= ? AND date < ?`, [days.first, days.afterLast]);
}

/** Whether any metric was ever rolled up: tells "send your first metric" from "nothing in this range". */
export async function anyRollupExists(db: Reader): Promise<boolean> {
  return (await db.get(`SELECT 1 FROM metrics_daily LIMIT 1`)) !== undefined;
}

export interface RawFilter {
  /** Inclusive lower and exclusive upper bound on `timestamp` (ISO text). */
  from: string;
  to: string;
  service?: string;
  metricTypes?: readonly string[];
}

/** What a raw metric adds to a rollup row: its minute (`YYYY-MM-DDTHH:MM`), duration and outcome. */
export interface RawRollupInput {
  minute: string;
  service: string;
  metricType: string;
  durationMs: number | null;
  /** dimensions.success as ingestion reads it (lib/rollups/accumulate.ts `flag`): true or "true" 1, false or "false" 0, else null. */
  success: 0 | 1 | null;
}

// The outcome is read in SQL, so that only five small columns per row leave the database (the Explorer filters on it too).
export const successOf = (db: Reader) =>
  db.engine === 'sqlite'
    ? `CASE json_type(dimensions, '$.success') WHEN 'true' THEN 1 WHEN 'false' THEN 0
        WHEN 'text' THEN CASE json_extract(dimensions, '$.success') WHEN 'true' THEN 1 WHEN 'false' THEN 0 END END`
    : `CASE WHEN jsonb_typeof(dimensions -> 'success') IN ('boolean', 'string') THEN CASE dimensions ->> 'success' WHEN 'true' THEN 1 WHEN 'false' THEN 0 END END`;

function rawQuery(db: Reader, filter: RawFilter): { sql: string; params: unknown[] } {
  const sql = `SELECT ${isoPrefix(db, 'timestamp', 16)} AS minute, service, metric_type AS "metricType", duration_ms AS "durationMs", ${successOf(db)} AS success
    FROM metrics
    WHERE timestamp >= ? AND timestamp < ?
      ${filter.service === undefined ? '' : 'AND service = ?'}
      ${typeCondition(filter.metricTypes)}`;
  return { sql, params: [filter.from, filter.to, filter.service, ...(filter.metricTypes ?? [])].filter((p) => p !== undefined) };
}

/**
 * The raw metrics of a part of a bucket (a window's partial first or last minute or hour), as rollup inputs:
 * a bounded index search on idx_metrics_timestamp (or the service/type ones), at most an hour of rows.
 */
export function selectRawRollupInputs(db: Reader, filter: RawFilter): Promise<RawRollupInput[]> {
  const { sql, params } = rawQuery(db, filter);
  return db.all<RawRollupInput>(sql, params);
}

export function explainRawRollupInputs(db: Reader, filter: RawFilter): Promise<string[]> {
  const { sql, params } = rawQuery(db, filter);
  return queryPlan(db, sql, params);
}
