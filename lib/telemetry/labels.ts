import type { MetricType } from '../ingest/validation';

/**
 * The dimension keys of each metric type that become labels, as the old service had them; any other
 * key is dropped, so a client cannot invent label names. registry_operation and custom get none.
 */
export const LABEL_KEYS: Readonly<Record<MetricType, readonly string[]>> = {
  tool_execution: ['method', 'server_name', 'server_path', 'tool_name', 'client_name', 'client_version', 'success', 'user_hash'],
  auth_request: ['success', 'method', 'server', 'target_kind', 'user_hash'],
  tool_discovery: ['query', 'results_count', 'top_k_services', 'top_n_tools'],
  protocol_latency: ['flow_step', 'server_name', 'user_hash', 'session_key'],
  health_check: ['endpoint', 'status_code', 'healthy'],
  registry_operation: [],
  custom: [],
};

export const MAX_LABEL_LENGTH = 96;
/** A value that is empty (or null) once cleaned. */
export const UNSET = '_unset';
/** Every new value of a label after its first PROMETHEUS_MAX_LABEL_VALUES. */
export const OTHER = '_other';

const UNSAFE = /[^A-Za-z0-9\-_.:/]/g;

/**
 * A dimension value as the old service spelled it, Python's `str(value)`: `True`/`False`, numbers as
 * decimal text; null becomes `_unset`. Then only `[A-Za-z0-9-_.:/]` are kept (others become `_`), cut
 * to 96 characters.
 */
export function labelValue(value: unknown): string {
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'boolean'
        ? value
          ? 'True'
          : 'False'
        : typeof value === 'number'
          ? String(value)
          : value === null || value === undefined
            ? ''
            : JSON.stringify(value);
  return text.replace(UNSAFE, '_').slice(0, MAX_LABEL_LENGTH) || UNSET;
}

/**
 * At most `maxValues` distinct values per label name, for the life of the process: a value admitted
 * once keeps passing, a new one past the cap becomes `_other`.
 */
export class LabelLimiter {
  private readonly seen = new Map<string, Set<string>>();

  constructor(private readonly maxValues: number) {}

  admit(label: string, value: string): string {
    if (value === UNSET || value === OTHER) return value;
    let values = this.seen.get(label);
    if (!values) this.seen.set(label, (values = new Set()));
    if (values.has(value)) return value;
    if (values.size >= this.maxValues) return OTHER;
    values.add(value);
    return value;
  }
}

export type Labels = Record<string, string>;

/**
 * The labels of one metric: `service`, `metric_type` and its type's allowed dimensions, bounded; the
 * names of those whose value became `_other` are added to `overflowed`.
 */
export function metricLabels(
  limiter: LabelLimiter,
  type: MetricType,
  service: string,
  dimensions: Record<string, unknown> | null,
  overflowed: string[] = [],
): Labels {
  const bounded = (label: string, value: unknown) => {
    const text = labelValue(value);
    const admitted = limiter.admit(label, text);
    if (admitted !== text) overflowed.push(label);
    return admitted;
  };
  const labels: Labels = { service: bounded('service', service), metric_type: type };
  if (dimensions) for (const key of LABEL_KEYS[type]) if (key in dimensions) labels[key] = bounded(key, dimensions[key]);
  return labels;
}
