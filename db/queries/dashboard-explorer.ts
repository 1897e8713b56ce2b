import type { Sqlite } from '../connection';
import type { MetricRow } from './ingest';
import { statement } from './prepared';

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

// Newest first by (timestamp, id). After a cursor, `timestamp <= @cursorTimestamp` replaces the range's
// upper bound (SQLite bounds an index search by one upper term only, and the cursor is always below `to`),
// so a page starts where the last one ended; the OR only breaks ties within one timestamp. Each filter combination is its own SQL text, so SQLite picks the index that
// leads with the filtered columns (idx_metrics_service_timestamp, idx_metrics_type_timestamp, ...).
function pageSql(filter: ExplorerFilter, after: boolean): string {
  return `SELECT id, request_id AS requestId, service, service_version AS serviceVersion, instance_id AS instanceId,
      metric_type AS metricType, timestamp, value, duration_ms AS durationMs, dimensions, metadata, created_at AS createdAt
    FROM metrics
    WHERE timestamp >= @from
      ${after ? 'AND timestamp <= @cursorTimestamp AND (timestamp < @cursorTimestamp OR id < @cursorId)' : 'AND timestamp < @to'}
      ${filter.service !== undefined ? 'AND service = @service' : ''}
      ${filter.metricType !== undefined ? 'AND metric_type = @metricType' : ''}
    ORDER BY timestamp DESC, id DESC
    LIMIT @limit`;
}

function bind(filter: ExplorerFilter, after: ExplorerCursor | undefined, limit: number) {
  return {
    from: filter.from,
    limit,
    ...(after ? { cursorTimestamp: after.timestamp, cursorId: after.id } : { to: filter.to }),
    ...(filter.service !== undefined && { service: filter.service }),
    ...(filter.metricType !== undefined && { metricType: filter.metricType }),
  };
}

/** Up to `limit` raw metrics matching the filter, newest first, starting after the cursor (keyset, no OFFSET). */
export function selectMetricsPage(db: Sqlite, filter: ExplorerFilter, after: ExplorerCursor | undefined, limit: number): ExplorerRow[] {
  return statement(db, pageSql(filter, after !== undefined)).all(bind(filter, after, limit)) as ExplorerRow[];
}

export function explainMetricsPage(db: Sqlite, filter: ExplorerFilter, after: ExplorerCursor | undefined): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${pageSql(filter, after !== undefined)}`).all(bind(filter, after, 1)) as { detail: string }[]).map((r) => r.detail);
}
