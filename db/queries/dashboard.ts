import type { Sqlite } from '../connection';
import { statement } from './prepared';

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
  metricType?: string;
}

export interface RollupRow {
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

// One SQL text per filter combination (and so one cached statement each), each planned on the index that
// bounds it by the range: idx_*_service_type_* with both filters, otherwise idx_hourly_hour / idx_daily_date
// (`+service` keeps a lone service filter off idx_*_service_type_*, which would read that service's whole history).
function rollupSql(filter: RollupFilter): string {
  const { table, bucket, keyLength } = ROLLUP[filter.granularity];
  return `SELECT substr(${bucket}, 1, ${keyLength}) AS bucket, service, metric_type AS metricType, count,
      success_count AS successCount, failure_count AS failureCount, duration_count AS durationCount,
      sum_duration_ms AS sumDurationMs, duration_sketch AS durationSketch
    FROM ${table}
    WHERE ${bucket} >= @first AND ${bucket} < @afterLast
      ${filter.service === undefined ? '' : filter.metricType === undefined ? 'AND +service = @service' : 'AND service = @service'}
      ${filter.metricType !== undefined ? 'AND metric_type = @metricType' : ''}`;
}

function bind(filter: RollupFilter) {
  return {
    first: filter.first,
    afterLast: filter.afterLast,
    ...(filter.service !== undefined && { service: filter.service }),
    ...(filter.metricType !== undefined && { metricType: filter.metricType }),
  };
}

/** The rollup rows of a bucket span (one per service, metric type and bucket), bounded by the bucket index. */
export function selectRollupRows(db: Sqlite, filter: RollupFilter): RollupRow[] {
  return statement(db, rollupSql(filter)).all(bind(filter)) as RollupRow[];
}

export function explainRollupRows(db: Sqlite, filter: RollupFilter): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${rollupSql(filter)}`).all(bind(filter)) as { detail: string }[]).map((r) => r.detail);
}

/** Services and metric types that reported on the given days: the choices of the overview's filters. */
export function selectRollupDimensions(db: Sqlite, days: { first: string; afterLast: string }): { services: string[]; metricTypes: string[] } {
  const rows = statement(db, `SELECT DISTINCT service, metric_type AS metricType FROM metrics_daily WHERE date >= @first AND date < @afterLast`).all(days) as {
    service: string;
    metricType: string;
  }[];
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
  return { services: sorted(rows.map((r) => r.service)), metricTypes: sorted(rows.map((r) => r.metricType)) };
}

/** Whether any metric was ever rolled up: tells "send your first metric" from "nothing in this range". */
export function anyRollupExists(db: Sqlite): boolean {
  return statement(db, `SELECT 1 FROM metrics_daily LIMIT 1`).get() !== undefined;
}
