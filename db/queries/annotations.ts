import type { Reader } from '../client';
import { queryPlan } from './query-plan';

export interface AnnotationSpan {
  /** Inclusive lower and exclusive upper bound (ISO text). */
  from: string;
  to: string;
  /** Only this service's annotation metrics (admin actions belong to no service and always count). */
  service?: string;
  limit: number;
}

export interface MetricAnnotationRow {
  at: string;
  service: string;
  text: string;
}

export interface AdminActionRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
}

// The condition of idx_metrics_annotations (migration 0011), written out the same, with literals: a
// partial index serves a query only when its WHERE says what the index's does.
const annotationCondition = (db: Reader) =>
  db.engine === 'sqlite'
    ? `metric_type = 'custom' AND json_type(dimensions, '$.annotation') = 'text'`
    : `metric_type = 'custom' AND jsonb_typeof(dimensions -> 'annotation') = 'string'`;

function metricAnnotationsQuery(db: Reader, span: AnnotationSpan): { sql: string; params: unknown[] } {
  const text = db.engine === 'sqlite' ? `json_extract(dimensions, '$.annotation')` : `dimensions ->> 'annotation'`;
  // `+service` keeps SQLite on the partial index rather than idx_metrics_service_type_time_value, which
  // would read every custom metric of the service in the span.
  const service = span.service === undefined ? '' : db.engine === 'sqlite' ? 'AND +service = ?' : 'AND service = ?';
  const sql = `SELECT timestamp AS at, service, ${text} AS text FROM metrics
    WHERE ${annotationCondition(db)} AND timestamp >= ? AND timestamp < ? ${service}
    ORDER BY timestamp DESC LIMIT ?`;
  return { sql, params: [span.from, span.to, ...(span.service === undefined ? [] : [span.service]), span.limit] };
}

/** The newest `limit` custom metrics of a span carrying a text `dimensions.annotation`, newest first, by idx_metrics_annotations. */
export function selectMetricAnnotations(db: Reader, span: AnnotationSpan): Promise<MetricAnnotationRow[]> {
  const { sql, params } = metricAnnotationsQuery(db, span);
  return db.all<MetricAnnotationRow>(sql, params);
}

export function explainMetricAnnotations(db: Reader, span: AnnotationSpan): Promise<string[]> {
  const { sql, params } = metricAnnotationsQuery(db, span);
  return queryPlan(db, sql, params);
}

function adminActionsQuery(span: AnnotationSpan, prefixes: readonly string[]): { sql: string; params: unknown[] } {
  const sql = `SELECT id, timestamp AS at, actor, action, target FROM audit_log
    WHERE timestamp >= ? AND timestamp < ? AND (${prefixes.map(() => 'substr(action, 1, ?) = ?').join(' OR ')})
    ORDER BY timestamp DESC LIMIT ?`;
  return { sql, params: [span.from, span.to, ...prefixes.flatMap((prefix) => [prefix.length, prefix]), span.limit] };
}

/** The newest `limit` audit rows of a span whose action starts with one of `prefixes`, newest first, by idx_audit_timestamp. */
export function selectAdminActions(db: Reader, span: AnnotationSpan, prefixes: readonly string[]): Promise<AdminActionRow[]> {
  const { sql, params } = adminActionsQuery(span, prefixes);
  return db.all<AdminActionRow>(sql, params);
}

export function explainAdminActions(db: Reader, span: AnnotationSpan, prefixes: readonly string[]): Promise<string[]> {
  const { sql, params } = adminActionsQuery(span, prefixes);
  return queryPlan(db, sql, params);
}
