import type { Reader, Tx } from '../client';
import { ROLLUP_STATS, shapeOf, typeCondition, type BucketSignature, type ReadShape } from './dashboard';
import { isoPrefix } from './dialect';
import { queryPlan } from './query-plan';

/** The dimensions metrics_dimension_hourly keys rows by. */
export type Dimension = 'tool' | 'server' | 'client';

/** The rows of one dimension, service, metric type and hour (`YYYY-MM-DDTHH:00:00Z`): at most the per-hour cap plus '(other)'. */
export interface DimensionGroupKey {
  dimension: Dimension;
  service: string;
  metricType: string;
  hour: string;
}

export interface DimensionStats {
  count: number;
  successCount: number;
  failureCount: number;
  durationCount: number;
  sumDurationMs: number;
  durationSketch: string | null;
}

export type DimensionRow = DimensionStats & { value: string };

const STATS = `value, ${ROLLUP_STATS}`;
const GROUP = 'dimension = ? AND service = ? AND metric_type = ? AND hour_timestamp = ?';
const groupParams = (key: DimensionGroupKey) => [key.dimension, key.service, key.metricType, key.hour];

/**
 * Every row of a group, for the transaction that writes into it (a search of the UNIQUE index's prefix):
 * on PostgreSQL locked until the transaction ends (callers take groups in one fixed order).
 */
export function lockDimensionGroup(tx: Tx, key: DimensionGroupKey): Promise<DimensionRow[]> {
  return tx.all<DimensionRow>(`SELECT ${STATS} FROM metrics_dimension_hourly WHERE ${GROUP}${tx.engine === 'postgres' ? ' FOR UPDATE' : ''}`, groupParams(key));
}

/** PostgreSQL: creates the empty rows of new values, so that lockDimensionGroup locks them too (another server may be adding the same). */
export async function ensureDimensionRows(tx: Tx, key: DimensionGroupKey, values: readonly string[]): Promise<void> {
  for (const value of values) {
    await tx.run(
      `INSERT INTO metrics_dimension_hourly (dimension, service, metric_type, hour_timestamp, value) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [...groupParams(key), value],
    );
  }
}

/** Writes a row's full statistics (the caller merged them with the stored ones). */
export async function upsertDimensionRow(tx: Tx, key: DimensionGroupKey, row: DimensionRow): Promise<void> {
  await tx.run(
    `INSERT INTO metrics_dimension_hourly (dimension, service, metric_type, hour_timestamp, value, count, success_count, failure_count, duration_count,
       sum_duration_ms, duration_sketch)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (dimension, service, metric_type, hour_timestamp, value) DO UPDATE SET count = excluded.count, success_count = excluded.success_count,
       failure_count = excluded.failure_count, duration_count = excluded.duration_count, sum_duration_ms = excluded.sum_duration_ms,
       duration_sketch = excluded.duration_sketch`,
    [...groupParams(key), row.value, row.count, row.successCount, row.failureCount, row.durationCount, row.sumDurationMs, row.durationSketch],
  );
}

/**
 * Deletes the rows of `dimensions` whose hour (`YYYY-MM-DDTHH:00:00Z`) lies in [fromHour, toHour), what a rollup
 * rebuild recomputes: a search of idx_dimension_hourly_hour per dimension.
 */
export function deleteDimensionRows(tx: Tx, dimensions: readonly Dimension[], fromHour: string, toHour: string): Promise<number> {
  return tx.run(
    `DELETE FROM metrics_dimension_hourly WHERE dimension IN (${dimensions.map(() => '?').join(', ')}) AND hour_timestamp >= ? AND hour_timestamp < ?`,
    [...dimensions, fromHour, toHour],
  );
}

export interface DimensionSpan {
  dimension: Dimension;
  /** Inclusive lower / exclusive upper bound as hour keys (`YYYY-MM-DDTHH`). */
  first: string;
  afterLast: string;
  service?: string;
  metricTypes?: readonly string[];
}

/** A row of a chart: its hour (`YYYY-MM-DDTHH`) and value with its numbers. */
export type DimensionBucketRow = DimensionRow & { bucket: string; id: number };

// SQLite compares the text keys with the stored `…THH:00:00Z` text; PostgreSQL's column is a timestamptz.
const boundParam = (db: Reader, key: string) => (db.engine === 'postgres' ? `${key}:00:00Z` : key);

// An index search on idx_dimension_hourly_hour (dimension, hour): the service and type filters apply to the
// rows of the range (at most the per-hour cap of values per service and type and hour).
function spanQuery(db: Reader, span: DimensionSpan, shape: ReadShape): { sql: string; params: unknown[] } {
  const { columns, groupBy } = shapeOf(shape, `id, ${STATS}`);
  const sql = `SELECT ${isoPrefix(db, 'hour_timestamp', 13)} AS bucket, ${columns}
    FROM metrics_dimension_hourly
    WHERE dimension = ? AND hour_timestamp >= ? AND hour_timestamp < ?
      ${span.service === undefined ? '' : `AND ${db.engine === 'sqlite' ? '+service' : 'service'} = ?`}
      ${typeCondition(span.metricTypes)}
    ${groupBy}`;
  const params = [span.dimension, boundParam(db, span.first), boundParam(db, span.afterLast), span.service, ...(span.metricTypes ?? [])];
  return { sql, params: params.filter((p) => p !== undefined) };
}

/** The rows of one dimension over an hour span. */
export function selectDimensionRows(db: Reader, span: DimensionSpan): Promise<DimensionBucketRow[]> {
  const { sql, params } = spanQuery(db, span, 'rows');
  return db.all<DimensionBucketRow>(sql, params);
}

/** The BucketSignature of each hour of the span that has rows of the dimension, on the same index search. */
export function selectDimensionSignatures(db: Reader, span: DimensionSpan): Promise<BucketSignature[]> {
  const { sql, params } = spanQuery(db, span, 'signatures');
  return db.all<BucketSignature>(sql, params);
}

export function explainDimensionRows(db: Reader, span: DimensionSpan, shape: ReadShape = 'rows'): Promise<string[]> {
  const { sql, params } = spanQuery(db, span, shape);
  return queryPlan(db, sql, params);
}
