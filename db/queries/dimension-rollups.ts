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

/**
 * The value of each group's total row: every metric of the group, whatever its value (migration 0016). The
 * lines' "other" is an hour's total less its lines drawn, so the rows of the values not drawn are never read.
 */
export const TOTAL_VALUE = '(all)';

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
  /** Only the rows of these values (TOTAL_VALUE among them for the totals). */
  values?: readonly string[];
}

/** A row of a chart: its hour (`YYYY-MM-DDTHH`) and value with its numbers. */
export type DimensionBucketRow = DimensionRow & { bucket: string; id: number };

// SQLite compares the text keys with the stored `…THH:00:00Z` text; PostgreSQL's column is a timestamptz.
const boundParam = (db: Reader, key: string) => (db.engine === 'postgres' ? `${key}:00:00Z` : key);

// Keeps SQLite on idx_dimension_hourly_hour: a condition on a column of the UNIQUE index could make it take
// that index instead and walk every hour of the dimension.
const unindexed = (db: Reader, column: string) => (db.engine === 'sqlite' ? `+${column}` : column);

// An index search on idx_dimension_hourly_hour (dimension, hour): the service, type and value filters apply
// to the rows of the range (at most the per-hour cap of values, and the total, per service and type and hour).
function spanCondition(db: Reader, span: DimensionSpan): { where: string; params: unknown[] } {
  const where = `dimension = ? AND hour_timestamp >= ? AND hour_timestamp < ?
      ${span.service === undefined ? '' : `AND ${unindexed(db, 'service')} = ?`}
      ${typeCondition(span.metricTypes)}
      ${span.values === undefined ? '' : `AND ${unindexed(db, 'value')} IN (${span.values.map(() => '?').join(', ') || 'NULL'})`}`;
  const params = [
    span.dimension,
    boundParam(db, span.first),
    boundParam(db, span.afterLast),
    span.service,
    ...(span.metricTypes ?? []),
    ...(span.values ?? []),
  ];
  return { where, params: params.filter((p) => p !== undefined) };
}

function spanQuery(db: Reader, span: DimensionSpan, shape: ReadShape): { sql: string; params: unknown[] } {
  const { columns, groupBy } = shapeOf(shape, `id, ${STATS}`);
  const { where, params } = spanCondition(db, span);
  return { sql: `SELECT ${isoPrefix(db, 'hour_timestamp', 13)} AS bucket, ${columns} FROM metrics_dimension_hourly WHERE ${where} ${groupBy}`, params };
}

function rankingQuery(db: Reader, span: DimensionSpan): { sql: string; params: unknown[] } {
  const { where, params } = spanCondition(db, span);
  return {
    sql: `SELECT value, SUM(count) AS requests FROM metrics_dimension_hourly WHERE ${where} AND value <> ? GROUP BY value`,
    params: [...params, TOTAL_VALUE],
  };
}

/** Each value's requests over the span (the totals' rows left out), in no order: what lines are drawn for. */
export function selectDimensionRanking(db: Reader, span: DimensionSpan): Promise<{ value: string; requests: number }[]> {
  const { sql, params } = rankingQuery(db, span);
  return db.all(sql, params);
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

export function explainDimensionRows(db: Reader, span: DimensionSpan, shape: ReadShape | 'ranking' = 'rows'): Promise<string[]> {
  const { sql, params } = shape === 'ranking' ? rankingQuery(db, span) : spanQuery(db, span, shape);
  return queryPlan(db, sql, params);
}
