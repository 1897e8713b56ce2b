import type { Reader, Tx } from '../client';
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../sqlite-file';
import { flagParam } from './dialect';
import { insertRows, insertStatement } from './insert-rows';

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

/** The columns of a raw metrics row as ingestion writes them (created_at left to its default), and their values. */
export const METRIC_COLUMNS = [
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
export const metricValues = (m: MetricRow) => [
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

export function insertMetrics(tx: Tx, rows: readonly MetricRow[]): Promise<void> {
  return insertRows(tx, 'metrics', METRIC_COLUMNS, rows.map(metricValues));
}

const directInserts = new WeakMap<Sqlite, Statement>();

/**
 * bench:ingest's physical reference: the same one-row INSERT run straight on a better-sqlite3
 * connection, with no seam and no await, inside the caller's transaction.
 */
export function insertMetricDirect(connection: Sqlite, row: MetricRow): void {
  let insert = directInserts.get(connection);
  if (!insert) directInserts.set(connection, (insert = connection.prepare(insertStatement('metrics', METRIC_COLUMNS, 1))));
  insert.run(metricValues(row));
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
  /** dimensions.method ("tools/call") and dimensions.client_name. */
  method: string | null;
  clientName: string | null;
  success: boolean | null;
  errorCode: string | null;
  inputSizeBytes: number | null;
  outputSizeBytes: number | null;
}

export function insertAuthMetrics(tx: Tx, rows: readonly AuthMetricRow[]): Promise<void> {
  return insertRows(
    tx,
    'auth_metrics',
    ['request_id', 'timestamp', 'service', 'duration_ms', 'success', 'method', 'server', 'user_hash', 'error_code'],
    rows.map((m) => [m.requestId, m.timestamp, m.service, m.durationMs, flagParam(tx, m.success), m.method, m.server, m.userHash, m.errorCode]),
  );
}

export function insertDiscoveryMetrics(tx: Tx, rows: readonly DiscoveryMetricRow[]): Promise<void> {
  return insertRows(
    tx,
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

export function insertToolMetrics(tx: Tx, rows: readonly ToolMetricRow[]): Promise<void> {
  return insertRows(
    tx,
    'tool_metrics',
    [
      'request_id',
      'timestamp',
      'service',
      'duration_ms',
      'tool_name',
      'server_path',
      'server_name',
      'method',
      'client_name',
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
      m.method,
      m.clientName,
      flagParam(tx, m.success),
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
  /** Refused (401 for an inactive key, 429): counted per minute, not as the key's use. */
  refused: boolean;
}

/** One request of a known key: bumps usage_count/last_used_at and appends to api_key_usage_log. */
export async function recordKeyUsage(tx: Tx, u: KeyUsage): Promise<void> {
  await tx.run(`UPDATE api_keys SET usage_count = COALESCE(usage_count, 0) + 1, last_used_at = ? WHERE key_hash = ?`, [u.timestamp, u.keyHash]);
  await tx.run(
    `INSERT INTO api_key_usage_log (key_hash, service_name, timestamp, endpoint, request_count, bytes_processed, duration_ms, status_code) VALUES (?, ?, ?, ?, 1, ?, ?, ?)`,
    [u.keyHash, u.serviceName, u.timestamp, u.endpoint, u.bytesProcessed, u.durationMs, u.statusCode],
  );
}

/**
 * One refused request: counted into the key's row for its minute, endpoint and status (bytes and
 * duration summed), so a client hammering with a revoked or throttled key adds a row a minute, not a
 * row a request. The key's usage_count and last_used_at are left alone: a refusal is not use.
 */
export async function countRefusedRequest(tx: Tx, u: KeyUsage): Promise<void> {
  const minute = `${u.timestamp.slice(0, 16)}:00.000Z`;
  const counted = await tx.run(
    `UPDATE api_key_usage_log SET request_count = request_count + 1, bytes_processed = bytes_processed + ?, duration_ms = duration_ms + ?
     WHERE key_hash = ? AND timestamp = ? AND endpoint = ? AND status_code = ?`,
    [u.bytesProcessed, u.durationMs, u.keyHash, minute, u.endpoint, u.statusCode],
  );
  if (counted) return;
  await tx.run(
    `INSERT INTO api_key_usage_log (key_hash, service_name, timestamp, endpoint, request_count, bytes_processed, duration_ms, status_code) VALUES (?, ?, ?, ?, 1, ?, ?, ?)`,
    [u.keyHash, u.serviceName, minute, u.endpoint, u.bytesProcessed, u.durationMs, u.statusCode],
  );
}

/** Requests a key made to `endpoint` since `since` (ISO), leaving out the ones refused with the given statuses. */
export async function countKeyRequestsSince(
  db: Reader,
  keyHash: string,
  endpoint: string,
  since: string,
  excludedStatuses: readonly number[],
): Promise<number> {
  const row = await db.get<{ n: number }>(
    `SELECT COALESCE(SUM(request_count), 0) AS n FROM api_key_usage_log
     WHERE key_hash = ? AND timestamp >= ? AND endpoint = ? AND status_code NOT IN (${excludedStatuses.map(() => '?').join(', ')})`,
    [keyHash, since, endpoint, ...excludedStatuses],
  );
  return row!.n;
}
