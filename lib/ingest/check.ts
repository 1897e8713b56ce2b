import { DIMENSION_KEY_PATTERN, INSTANCE_PATTERN, LIMITS, SERVICE_PATTERN, type MetricsRequest, type MetricType, type ShapedMetric } from './validation';

/** A metric that passed every rule, with its timestamp resolved (server time when it had none). */
export interface AcceptedMetric {
  type: MetricType;
  timestampMs: number;
  value: number;
  durationMs: number | null;
  dimensions: Record<string, unknown> | null;
  metadata: Record<string, unknown> | null;
}

export interface CheckedRequest {
  accepted: AcceptedMetric[];
  rejected: number;
  /** `"<field path>: <message>"`, e.g. `metrics[1].dimensions.invalid-key: ...`. */
  errors: string[];
}

/**
 * Whether a value, written as JSON, is longer than `limit` characters (a string counts as its text).
 * Walks iteratively and stops past the limit, so a deeply nested value from a hostile body cannot
 * overflow the stack (JSON.stringify would) or cost more than the limit.
 */
function longerThan(value: unknown, limit: number): boolean {
  if (typeof value === 'string') return value.length > limit;
  let length = 0;
  const pending: unknown[] = [value];
  while (pending.length) {
    const item = pending.pop();
    if (item !== null && typeof item === 'object') {
      const entries = Array.isArray(item) ? item.map((v) => [null, v] as const) : Object.entries(item);
      length += 2 + Math.max(0, entries.length - 1);
      for (const [key, v] of entries) {
        if (key !== null) length += JSON.stringify(key).length + 1;
        pending.push(v);
      }
    } else {
      length += (JSON.stringify(item) ?? 'null').length;
    }
    if (length > limit) return true;
  }
  return false;
}

function nameErrors(field: string, value: string | null | undefined, pattern: RegExp | null): string[] {
  if (value === null || value === undefined) return [];
  if (value.length === 0 || value.length > LIMITS.nameLength) return [`${field}: must be 1 to ${LIMITS.nameLength} characters`];
  if (pattern && !pattern.test(value)) return [`${field}: must match ${pattern.source}`];
  return [];
}

/** Violations that reject the whole request: nothing of it is stored. */
function requestErrors(body: MetricsRequest): string[] {
  const errors = [
    ...nameErrors('service', body.service, SERVICE_PATTERN),
    ...nameErrors('instance_id', body.instance_id, INSTANCE_PATTERN),
    ...nameErrors('version', body.version, null),
  ];
  if (body.metrics.length < 1 || body.metrics.length > LIMITS.metricsPerRequest) {
    errors.push(`metrics: must hold 1 to ${LIMITS.metricsPerRequest} metrics, got ${body.metrics.length}`);
  }
  return errors;
}

/** A key as shown in an error path: an overlong one is cut, so errors never echo a huge input back. */
const shownKey = (key: string, limit: number) => (key.length > limit ? `${key.slice(0, limit)}…` : key);

function fieldErrors(
  path: string,
  fields: Record<string, unknown> | null | undefined,
  rules: { max: number; keyLength: number; valueLength: number; keyPattern?: RegExp },
): string[] {
  if (!fields) return [];
  const entries = Object.entries(fields);
  // Too many fields is the metric's error; listing each field's problems too would only bloat the answer.
  if (entries.length > rules.max) return [`${path}: at most ${rules.max} fields, got ${entries.length}`];
  const errors: string[] = [];
  for (const [key, value] of entries) {
    const at = `${path}.${shownKey(key, rules.keyLength)}`;
    if (key.length === 0 || key.length > rules.keyLength) errors.push(`${at}: key must be 1 to ${rules.keyLength} characters`);
    else if (rules.keyPattern && !rules.keyPattern.test(key)) errors.push(`${at}: key must match ${rules.keyPattern.source}`);
    if (longerThan(value, rules.valueLength)) errors.push(`${at}: value must be at most ${rules.valueLength} characters`);
  }
  return errors;
}

const DAY_MS = 86_400_000;

function metricErrors(path: string, metric: ShapedMetric, timestampMs: number, now: number, keptDays: number | null): string[] {
  const errors: string[] = [];
  if (!Number.isFinite(metric.value) || Math.abs(metric.value) > LIMITS.absValue)
    errors.push(`${path}.value: must be a finite number within ±${LIMITS.absValue}`);
  const duration = metric.duration_ms;
  if (duration !== null && duration !== undefined && !(duration >= 0 && duration <= LIMITS.maxDurationMs)) {
    errors.push(`${path}.duration_ms: must be within 0..${LIMITS.maxDurationMs}`);
  }
  if (timestampMs > now + LIMITS.futureSkewMs) errors.push(`${path}.timestamp: must be at most 5 minutes in the future`);
  if (keptDays !== null && timestampMs < now - keptDays * DAY_MS) {
    errors.push(`${path}.timestamp: older than the longest retention period (${keptDays} days): retention would delete it at once`);
  }
  errors.push(
    ...fieldErrors(`${path}.dimensions`, metric.dimensions, {
      max: LIMITS.dimensions,
      keyLength: LIMITS.dimensionKeyLength,
      valueLength: LIMITS.dimensionValueLength,
      keyPattern: DIMENSION_KEY_PATTERN,
    }),
    ...fieldErrors(`${path}.metadata`, metric.metadata, {
      max: LIMITS.metadataFields,
      keyLength: LIMITS.metadataKeyLength,
      valueLength: LIMITS.metadataValueLength,
    }),
  );
  return errors;
}

/**
 * Applies the content rules. A request-level violation rejects every metric; a per-metric one
 * rejects only that metric, and the others are accepted. `keptDays`: the longest retention period of
 * the metric tables (lib/retention/longest-retention.ts), null when data is kept for ever.
 */
export function checkMetricsRequest(body: MetricsRequest, now: number = Date.now(), keptDays: number | null = null): CheckedRequest {
  const rejectAll = requestErrors(body);
  if (rejectAll.length) return { accepted: [], rejected: body.metrics.length, errors: rejectAll };
  const accepted: AcceptedMetric[] = [];
  const errors: string[] = [];
  body.metrics.forEach((metric, i) => {
    const timestampMs = metric.timestamp ?? now;
    const problems = metricErrors(`metrics[${i}]`, metric, timestampMs, now, keptDays);
    if (problems.length) errors.push(...problems);
    else {
      accepted.push({
        type: metric.type,
        timestampMs,
        value: metric.value,
        durationMs: metric.duration_ms ?? null,
        dimensions: metric.dimensions ?? null,
        metadata: metric.metadata ?? null,
      });
    }
  });
  return { accepted, rejected: body.metrics.length - accepted.length, errors };
}
