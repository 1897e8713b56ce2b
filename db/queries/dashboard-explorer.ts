import type { Reader } from '../client';
import { successOf } from './dashboard';
import { datetimeText } from './dialect';
import type { MetricRow } from './ingest';
import { queryPlan } from './query-plan';

/** Filters on what a metric carries inside its JSON (or its unindexed request_id): each row is looked at in turn. */
export interface ExplorerScanFilter {
  /** dimensions.success as the rollups read it: true, false, or 'none' (no outcome reported). */
  success?: boolean | 'none';
  /** metadata.error_code */
  errorCode?: string;
  /** dimensions.tool_name */
  toolName?: string;
  /** dimensions.server_name (tool executions) or dimensions.server (auth requests) */
  server?: string;
  /** dimensions.method ("tools/call"; an auth request's method too) */
  method?: string;
  /** dimensions.client_name */
  client?: string;
  requestId?: string;
}

export interface ExplorerFilter extends ExplorerScanFilter {
  /** Inclusive lower and exclusive upper bound on `timestamp` (ISO text, or a prefix of one). */
  from: string;
  to: string;
  service?: string;
  /** Only these metric types (none given: every type). */
  metricTypes?: readonly string[];
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

const COLUMNS = `id, request_id AS "requestId", service, service_version AS "serviceVersion", instance_id AS "instanceId",
      metric_type AS "metricType", timestamp, value, duration_ms AS "durationMs", dimensions, metadata`;

// What a scan-filtered page's inner read passes on, under the table's own names (the outer query filters and renames).
const RAW_COLUMNS = 'id, request_id, service, service_version, instance_id, metric_type, timestamp, value, duration_ms, dimensions, metadata, created_at';

/** Whether a filter needs rows looked at one by one (bounded by EXPLORER_SCAN_ROWS a page). */
export const hasScanFilter = (f: ExplorerScanFilter) =>
  f.success !== undefined ||
  f.errorCode !== undefined ||
  f.toolName !== undefined ||
  f.server !== undefined ||
  f.method !== undefined ||
  f.client !== undefined ||
  f.requestId !== undefined;

/** The rows a page may look at when it filters on JSON: a scan filter never reads more than this many rows of the range per page. */
export const EXPLORER_SCAN_ROWS = 10_000;

function scanConditions(db: Reader, f: ExplorerScanFilter): { sql: string[]; params: unknown[] } {
  const json = (column: 'dimensions' | 'metadata', key: string) =>
    db.engine === 'sqlite' ? `json_extract(${column}, '$.${key}')` : `(${column} ->> '${key}')`;
  const matches: [string, string | undefined][] = [
    [`${json('metadata', 'error_code')} = ?`, f.errorCode],
    [`${json('dimensions', 'tool_name')} = ?`, f.toolName],
    [`coalesce(${json('dimensions', 'server_name')}, ${json('dimensions', 'server')}) = ?`, f.server],
    [`${json('dimensions', 'method')} = ?`, f.method],
    [`${json('dimensions', 'client_name')} = ?`, f.client],
    ['request_id = ?', f.requestId],
  ];
  const given = matches.filter(([, value]) => value !== undefined);
  const success = f.success === undefined ? [] : [f.success === 'none' ? `${successOf(db)} IS NULL` : `${successOf(db)} = ${f.success ? 1 : 0}`];
  return { sql: [...success, ...given.map(([sql]) => sql)], params: given.map(([, value]) => value) };
}

// Newest first by (timestamp, id). After a cursor, `timestamp <= cursor` replaces the range's upper bound
// (SQLite bounds an index search by one upper term only, and the cursor is always below `to`), so a page
// starts where the last one ended; the OR only breaks ties within one timestamp. Each filter combination is
// its own SQL text, so the planner picks the index that leads with the filtered columns
// (idx_metrics_service_timestamp, idx_metrics_type_timestamp, ...). Several types are matched on the
// rows of the time index (`+metric_type` on SQLite): an index per type would have to be read whole and sorted.
function rangeQuery(db: Reader, filter: ExplorerFilter, after: ExplorerCursor | undefined, columns: string): { sql: string; params: unknown[] } {
  const types = filter.metricTypes;
  const typeSql =
    types === undefined
      ? ''
      : types.length === 1
        ? 'AND metric_type = ?'
        : `AND ${db.engine === 'sqlite' ? '+metric_type' : 'metric_type'} IN (${types.map(() => '?').join(', ')})`;
  const sql = `SELECT ${columns}
    FROM metrics
    WHERE timestamp >= ?
      ${after ? 'AND timestamp <= ? AND (timestamp < ? OR id < ?)' : 'AND timestamp < ?'}
      ${filter.service !== undefined ? 'AND service = ?' : ''}
      ${typeSql}
    ORDER BY timestamp DESC, id DESC`;
  const bounds = after ? [after.timestamp, after.timestamp, after.id] : [filter.to];
  return { sql, params: [filter.from, ...bounds, filter.service, ...(types ?? [])].filter((p) => p !== undefined) };
}

// With a scan filter the newest EXPLORER_SCAN_ROWS rows of the range (after the cursor) are read by the
// time index and filtered: a rare value costs one bounded read per page instead of the whole range's rows.
function pageQuery(db: Reader, filter: ExplorerFilter, after: ExplorerCursor | undefined, limit: number, scanRows: number): { sql: string; params: unknown[] } {
  const columns = `${COLUMNS}, ${datetimeText(db, 'created_at')} AS "createdAt"`;
  const range = rangeQuery(db, filter, after, hasScanFilter(filter) ? RAW_COLUMNS : columns);
  if (!hasScanFilter(filter)) return { sql: `${range.sql} LIMIT ?`, params: [...range.params, limit] };
  const scan = scanConditions(db, filter);
  const sql = `SELECT ${columns} FROM (${range.sql} LIMIT ?) AS scanned WHERE ${scan.sql.join(' AND ')} ORDER BY timestamp DESC, id DESC LIMIT ?`;
  return { sql, params: [...range.params, scanRows, ...scan.params, limit] };
}

/**
 * Up to `limit` raw metrics matching the filter, newest first, starting after the cursor (keyset, no
 * OFFSET). With a scan filter, only among the next EXPLORER_SCAN_ROWS rows of the range: see
 * selectScanEnd for where the next page goes on.
 */
export function selectMetricsPage(
  db: Reader,
  filter: ExplorerFilter,
  after: ExplorerCursor | undefined,
  limit: number,
  scanRows = EXPLORER_SCAN_ROWS,
): Promise<ExplorerRow[]> {
  const { sql, params } = pageQuery(db, filter, after, limit, scanRows);
  return db.all<ExplorerRow>(sql, params);
}

/** The last row a scan-filtered page looked at (the next page starts after it); undefined when the range ended first. */
export function selectScanEnd(
  db: Reader,
  filter: ExplorerFilter,
  after: ExplorerCursor | undefined,
  scanRows = EXPLORER_SCAN_ROWS,
): Promise<ExplorerCursor | undefined> {
  const { sql, params } = rangeQuery(db, filter, after, 'timestamp, id');
  return db.get<ExplorerCursor>(`${sql} LIMIT 1 OFFSET ?`, [...params, scanRows - 1]);
}

export function explainMetricsPage(db: Reader, filter: ExplorerFilter, after: ExplorerCursor | undefined): Promise<string[]> {
  const { sql, params } = pageQuery(db, filter, after, 1, EXPLORER_SCAN_ROWS);
  return queryPlan(db, sql, params);
}
