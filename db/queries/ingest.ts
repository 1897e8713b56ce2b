import type { Sqlite } from '../connection';
import { statement } from './prepared';

/** A `metrics` row as stored: timestamp UTC ISO-8601 with milliseconds and Z, dimensions/metadata JSON text. */
export interface MetricRow {
  requestId: string;
  service: string;
  serviceVersion: string | null;
  instanceId: string | null;
  metricType: string;
  timestamp: string;
  value: number;
  durationMs: number | null;
  dimensions: string | null;
  metadata: string | null;
}

/** Rows per multi-row INSERT: one statement call per 32 rows instead of 32 calls (~20% less CPU). */
const ROWS_PER_STATEMENT = 32;
const insertSql = new Map<string, string>();

/** Inserts rows (values in `columns` order) in the given order, so ids follow it. */
function insertRows(db: Sqlite, table: string, columns: readonly string[], rows: readonly unknown[][]): void {
  const sql = (count: number) => {
    const id = `${table} ${count}`;
    let text = insertSql.get(id);
    if (!text)
      insertSql.set(
        id,
        (text = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(count)
          .fill(`(${columns.map(() => '?').join(', ')})`)
          .join(', ')}`),
      );
    return text;
  };
  let i = 0;
  for (; i + ROWS_PER_STATEMENT <= rows.length; i += ROWS_PER_STATEMENT) {
    const values: unknown[] = [];
    for (let r = i; r < i + ROWS_PER_STATEMENT; r++) for (const value of rows[r]!) values.push(value);
    statement(db, sql(ROWS_PER_STATEMENT)).run(values);
  }
  for (; i < rows.length; i++) statement(db, sql(1)).run(rows[i]!);
}

const METRIC_COLUMNS = [
  'request_id',
  'service',
  'service_version',
  'instance_id',
  'metric_type',
  'timestamp',
  'value',
  'duration_ms',
  'dimensions',
  'metadata',
];
const metricValues = (m: MetricRow) => [
  m.requestId,
  m.service,
  m.serviceVersion,
  m.instanceId,
  m.metricType,
  m.timestamp,
  m.value,
  m.durationMs,
  m.dimensions,
  m.metadata,
];

export function insertMetrics(db: Sqlite, rows: readonly MetricRow[]): void {
  insertRows(db, 'metrics', METRIC_COLUMNS, rows.map(metricValues));
}

/** One row through the single-row prepared statement (bench:ingest's raw reference). */
export function insertMetric(db: Sqlite, row: MetricRow): void {
  insertRows(db, 'metrics', METRIC_COLUMNS, [metricValues(row)]);
}

interface Common {
  requestId: string;
  timestamp: string;
  service: string;
  durationMs: number | null;
}

export interface AuthMetricRow extends Common {
  success: boolean | null;
  method: string | null;
  server: string | null;
  userHash: string | null;
  errorCode: string | null;
}

export interface DiscoveryMetricRow extends Common {
  query: string | null;
  resultsCount: number | null;
  topKServices: number | null;
  topNTools: number | null;
  embeddingTimeMs: number | null;
  faissSearchTimeMs: number | null;
}

export interface ToolMetricRow extends Common {
  toolName: string | null;
  serverPath: string | null;
  serverName: string | null;
  success: boolean | null;
  errorCode: string | null;
  inputSizeBytes: number | null;
  outputSizeBytes: number | null;
}

const bool = (value: boolean | null) => (value === null ? null : value ? 1 : 0);

export function insertAuthMetrics(db: Sqlite, rows: readonly AuthMetricRow[]): void {
  insertRows(
    db,
    'auth_metrics',
    ['request_id', 'timestamp', 'service', 'duration_ms', 'success', 'method', 'server', 'user_hash', 'error_code'],
    rows.map((m) => [m.requestId, m.timestamp, m.service, m.durationMs, bool(m.success), m.method, m.server, m.userHash, m.errorCode]),
  );
}

export function insertDiscoveryMetrics(db: Sqlite, rows: readonly DiscoveryMetricRow[]): void {
  insertRows(
    db,
    'discovery_metrics',
    [
      'request_id',
      'timestamp',
      'service',
      'duration_ms',
      'query',
      'results_count',
      'top_k_services',
      'top_n_tools',
      'embedding_time_ms',
      'faiss_search_time_ms',
    ],
    rows.map((m) => [
      m.requestId,
      m.timestamp,
      m.service,
      m.durationMs,
      m.query,
      m.resultsCount,
      m.topKServices,
      m.topNTools,
      m.embeddingTimeMs,
      m.faissSearchTimeMs,
    ]),
  );
}

export function insertToolMetrics(db: Sqlite, rows: readonly ToolMetricRow[]): void {
  insertRows(
    db,
    'tool_metrics',
    [
      'request_id',
      'timestamp',
      'service',
      'duration_ms',
      'tool_name',
      'server_path',
      'server_name',
      'success',
      'error_code',
      'input_size_bytes',
      'output_size_bytes',
    ],
    rows.map((m) => [
      m.requestId,
      m.timestamp,
      m.service,
      m.durationMs,
      m.toolName,
      m.serverPath,
      m.serverName,
      bool(m.success),
      m.errorCode,
      m.inputSizeBytes,
      m.outputSizeBytes,
    ]),
  );
}

export interface KeyUsage {
  keyHash: string;
  serviceName: string;
  timestamp: string;
  endpoint: string;
  bytesProcessed: number;
  durationMs: number;
  statusCode: number;
}

/** One request of a known key: bumps usage_count/last_used_at and appends to api_key_usage_log. */
export function recordKeyUsage(db: Sqlite, u: KeyUsage): void {
  statement(db, `UPDATE api_keys SET usage_count = COALESCE(usage_count, 0) + 1, last_used_at = ? WHERE key_hash = ?`).run(u.timestamp, u.keyHash);
  statement(
    db,
    `INSERT INTO api_key_usage_log (key_hash, service_name, timestamp, endpoint, request_count, bytes_processed, duration_ms, status_code) VALUES (?, ?, ?, ?, 1, ?, ?, ?)`,
  ).run(u.keyHash, u.serviceName, u.timestamp, u.endpoint, u.bytesProcessed, u.durationMs, u.statusCode);
}

/** Requests a key made to `endpoint` since `since` (ISO), leaving out the ones refused with the given statuses. */
export function countKeyRequestsSince(db: Sqlite, keyHash: string, endpoint: string, since: string, excludedStatuses: readonly number[]): number {
  const row = statement<unknown[], { n: number }>(
    db,
    `SELECT COALESCE(SUM(request_count), 0) AS n FROM api_key_usage_log
     WHERE key_hash = ? AND timestamp >= ? AND endpoint = ? AND status_code NOT IN (SELECT value FROM json_each(?))`,
  ).get(keyHash, since, endpoint, JSON.stringify(excludedStatuses));
  return row!.n;
}
