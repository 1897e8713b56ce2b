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

// SQLite compares the text keys with the stored text; PostgreSQL's hour_timestamp is a timestamptz, so an
// hour key becomes the full instant it names (the daily `date` column takes `YYYY-MM-DD` as it is).
const boundParam = (db: Reader, key: string) => (db.engine === 'postgres' && key.length === 13 ? `${key}:00:00Z` : key);

// One SQL text per filter combination (and so one cached statement each), each planned on the index that
// bounds it by the range: idx_*_service_type_* with both filters, otherwise idx_hourly_hour / idx_daily_date
// (`+service` keeps a lone service filter off idx_*_service_type_* on SQLite, which would read that service's
// whole history; PostgreSQL's planner weighs the two itself).
function rollupQuery(db: Reader, filter: RollupFilter): { sql: string; params: unknown[] } {
  const { table, bucket, keyLength } = ROLLUP[filter.granularity];
  const loneService = db.engine === 'sqlite' ? '+service' : 'service';
  const sql = `SELECT ${isoPrefix(db, bucket, keyLength)} AS bucket, service, metric_type AS "metricType", count,
      success_count AS "successCount", failure_count AS "failureCount", duration_count AS "durationCount",
      sum_duration_ms AS "sumDurationMs", duration_sketch AS "durationSketch"
    FROM ${table}
    WHERE ${bucket} >= ? AND ${bucket} < ?
      ${filter.service === undefined ? '' : filter.metricType === undefined ? `AND ${loneService} = ?` : 'AND service = ?'}
      ${filter.metricType !== undefined ? 'AND metric_type = ?' : ''}`;
  const params = [boundParam(db, filter.first), boundParam(db, filter.afterLast), filter.service, filter.metricType].filter((p) => p !== undefined);
  return { sql, params };
}

/** The rollup rows of a bucket span (one per service, metric type and bucket), bounded by the bucket index. */
export function selectRollupRows(db: Reader, filter: RollupFilter): Promise<RollupRow[]> {
  const { sql, params } = rollupQuery(db, filter);
  return db.all<RollupRow>(sql, params);
}

export function explainRollupRows(db: Reader, filter: RollupFilter): Promise<string[]> {
  const { sql, params } = rollupQuery(db, filter);
  return queryPlan(db, sql, params);
}

/** Services and metric types that reported on the given days: the choices of the overview's filters. */
export async function selectRollupDimensions(db: Reader, days: { first: string; afterLast: string }): Promise<{ services: string[]; metricTypes: string[] }> {
  const rows = await db.all<{ service: string; metricType: string }>(
    `SELECT DISTINCT service, metric_type AS "metricType" FROM metrics_daily WHERE date >= ? AND date < ?`,
    [days.first, days.afterLast],
  );
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
  return { services: sorted(rows.map((r) => r.service)), metricTypes: sorted(rows.map((r) => r.metricType)) };
}

/** Whether any metric was ever rolled up: tells "send your first metric" from "nothing in this range". */
export async function anyRollupExists(db: Reader): Promise<boolean> {
  return (await db.get(`SELECT 1 FROM metrics_daily LIMIT 1`)) !== undefined;
}
