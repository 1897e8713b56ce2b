import type { AuthMetricRow, DiscoveryMetricRow, MetricRow, ToolMetricRow } from '../../db/queries/ingest';
import { jsonText } from '../../db/queries/json-text';
import { flag, type RollupInput } from '../rollups/accumulate';
import type { AcceptedMetric } from './check';
import { formatTimestamp } from './timestamp';
import type { MetricType } from './validation';

export type SpecializedRow =
  { table: 'auth_metrics'; row: AuthMetricRow } | { table: 'discovery_metrics'; row: DiscoveryMetricRow } | { table: 'tool_metrics'; row: ToolMetricRow };

/** Everything one accepted metric writes: its `metrics` row, a row of its type's table, its rollup input; and what it records once committed. */
export interface PreparedMetric {
  row: MetricRow;
  specialized: SpecializedRow | null;
  rollup: RollupInput;
  type: MetricType;
  /** As sent: the labels of its series (lib/telemetry/record.ts). */
  dimensions: Record<string, unknown> | null;
}

export interface RequestContext {
  requestId: string;
  service: string;
  version: string | null;
  instanceId: string | null;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;

const number = (value: unknown): number | null => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
};

// Beyond 2^53 a count is no count, and PostgreSQL's bigint could not hold it: stored as unknown.
const whole = (value: unknown): number | null => {
  const n = number(value);
  return n === null || !Number.isSafeInteger(Math.trunc(n)) ? null : Math.trunc(n);
};

const json = (fields: Record<string, unknown> | null) => (fields === null ? null : jsonText(fields));

function specialized(metric: AcceptedMetric, requestId: string, timestamp: string, service: string): SpecializedRow | null {
  const d = metric.dimensions ?? {};
  const m = metric.metadata ?? {};
  const durationMs = metric.durationMs;
  switch (metric.type) {
    case 'auth_request':
      return {
        table: 'auth_metrics',
        row: {
          requestId,
          timestamp,
          service,
          durationMs,
          success: flag(d.success),
          method: text(d.method),
          server: text(d.server),
          userHash: text(d.user_hash),
          errorCode: text(m.error_code),
        },
      };
    case 'tool_discovery':
      return {
        table: 'discovery_metrics',
        row: {
          requestId,
          timestamp,
          service,
          durationMs,
          query: text(d.query),
          resultsCount: whole(d.results_count),
          topKServices: whole(d.top_k_services),
          topNTools: whole(d.top_n_tools),
          embeddingTimeMs: number(m.embedding_time_ms),
          faissSearchTimeMs: number(m.faiss_search_time_ms),
        },
      };
    case 'tool_execution':
      return {
        table: 'tool_metrics',
        row: {
          requestId,
          timestamp,
          service,
          durationMs,
          toolName: text(d.tool_name),
          serverPath: text(d.server_path),
          serverName: text(d.server_name),
          method: text(d.method),
          clientName: text(d.client_name),
          success: flag(d.success),
          errorCode: text(m.error_code),
          inputSizeBytes: whole(m.input_size_bytes),
          outputSizeBytes: whole(m.output_size_bytes),
        },
      };
    default:
      return null;
  }
}

export function prepareMetric(metric: AcceptedMetric, request: RequestContext): PreparedMetric {
  const timestamp = formatTimestamp(metric.timestampMs);
  return {
    row: {
      requestId: request.requestId,
      service: request.service,
      serviceVersion: request.version,
      instanceId: request.instanceId,
      metricType: metric.type,
      timestamp,
      value: metric.value,
      durationMs: metric.durationMs,
      dimensions: json(metric.dimensions),
      metadata: json(metric.metadata),
    },
    specialized: specialized(metric, request.requestId, timestamp, request.service),
    rollup: { value: metric.value, durationMs: metric.durationMs, success: flag(metric.dimensions?.success) },
    type: metric.type,
    dimensions: metric.dimensions,
  };
}
