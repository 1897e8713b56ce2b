import type { Reader } from '../client';
import { datetimeText } from './dialect';
import type { MetricRow } from './ingest';
import { queryPlan } from './query-plan';

export interface ExplorerFilter {
  /** Inclusive lower and exclusive upper bound on `timestamp` (ISO text, or a prefix of one). */
  from: string;
  to: string;
  service?: string;
  metricType?: string;
}

/** The last row of a page: the next page starts right after it in (timestamp, id) order. */
export interface ExplorerCursor {
  timestamp: string;
  id: number;
}

export interface ExplorerRow extends MetricRow {
  id: number;
  createdAt: string | null;
}

// Newest first by (timestamp, id). After a cursor, `timestamp <= cursor` replaces the range's upper bound
// (SQLite bounds an index search by one upper term only, and the cursor is always below `to`), so a page
// starts where the last one ended; the OR only breaks ties within one timestamp. Each filter combination is
// its own SQL text, so the planner picks the index that leads with the filtered columns
// (idx_metrics_service_timestamp, idx_metrics_type_timestamp, ...).
function pageQuery(db: Reader, filter: ExplorerFilter, after: ExplorerCursor | undefined, limit: number): { sql: string; params: unknown[] } {
  const sql = `SELECT id, request_id AS "requestId", service, service_version AS "serviceVersion", instance_id AS "instanceId",
      metric_type AS "metricType", timestamp, value, duration_ms AS "durationMs", dimensions, metadata, ${datetimeText(db, 'created_at')} AS "createdAt"
    FROM metrics
    WHERE timestamp >= ?
      ${after ? 'AND timestamp <= ? AND (timestamp < ? OR id < ?)' : 'AND timestamp < ?'}
      ${filter.service !== undefined ? 'AND service = ?' : ''}
      ${filter.metricType !== undefined ? 'AND metric_type = ?' : ''}
    ORDER BY timestamp DESC, id DESC
    LIMIT ?`;
  const bounds = after ? [after.timestamp, after.timestamp, after.id] : [filter.to];
  const params = [filter.from, ...bounds, filter.service, filter.metricType, limit].filter((p) => p !== undefined);
  return { sql, params };
}

/** Up to `limit` raw metrics matching the filter, newest first, starting after the cursor (keyset, no OFFSET). */
export function selectMetricsPage(db: Reader, filter: ExplorerFilter, after: ExplorerCursor | undefined, limit: number): Promise<ExplorerRow[]> {
  const { sql, params } = pageQuery(db, filter, after, limit);
  return db.all<ExplorerRow>(sql, params);
}

export function explainMetricsPage(db: Reader, filter: ExplorerFilter, after: ExplorerCursor | undefined): Promise<string[]> {
  const { sql, params } = pageQuery(db, filter, after, 1);
  return queryPlan(db, sql, params);
}
