import { z } from 'zod';
import { parseInput } from '../validation';
import { parseTimestamp } from './timestamp';

export const METRIC_TYPES = ['auth_request', 'tool_discovery', 'tool_execution', 'registry_operation', 'health_check', 'protocol_latency', 'custom'] as const;
export type MetricType = (typeof METRIC_TYPES)[number];

const jsonObject = z.record(z.string(), z.unknown());

/** A timestamp the server can read, as epoch ms; a missing or null one is filled in later (server time). */
const timestampSchema = z
  .string()
  .nullish()
  .transform((text, ctx) => {
    if (text === null || text === undefined) return null;
    const epochMs = parseTimestamp(text);
    if (epochMs === null) {
      ctx.addIssue({ code: 'custom', message: 'Input should be a valid datetime (ISO-8601)', params: { type: 'datetime_parsing' } });
      return z.NEVER;
    }
    return epochMs;
  });

/** The shape of one metric (a violation is a 422); content rules are checked per metric in check.ts. */
export const metricShape = z.object({
  type: z.enum(METRIC_TYPES),
  timestamp: timestampSchema,
  value: z.number(),
  duration_ms: z.number().nullish(),
  dimensions: jsonObject.nullish(),
  metadata: jsonObject.nullish(),
});

/** The body of POST /metrics with its metrics not yet looked at: what a request is refused by its count on. */
export const metricsEnvelopeShape = z.object({
  service: z.string(),
  version: z.string().nullish(),
  instance_id: z.string().nullish(),
  metrics: z.array(z.unknown()),
});

/** The body of POST /metrics, as the gateway's client sends it. Unknown fields are ignored, as FastAPI did. */
export const metricsRequestShape = metricsEnvelopeShape.extend({ metrics: z.array(metricShape) });

/**
 * The request with its metrics validated, unless there are more than the limit: then they are not looked
 * at (a 10 MB body of 200,000 metrics took ~1 s to validate item by item), and check.ts refuses the
 * request by its count alone, the request-level rejection the old service answered with.
 */
export function metricsRequestOf(envelope: z.output<typeof metricsEnvelopeShape>): MetricsRequest {
  return envelope.metrics.length > LIMITS.metricsPerRequest ? (envelope as MetricsRequest) : parseInput(metricsRequestShape, envelope, 'body');
}

export type MetricsRequest = z.output<typeof metricsRequestShape>;
export type ShapedMetric = z.output<typeof metricShape>;

export const LIMITS = {
  metricsPerRequest: 100,
  nameLength: 100,
  absValue: 1e12,
  maxDurationMs: 86_400_000,
  futureSkewMs: 5 * 60_000,
  dimensions: 20,
  dimensionKeyLength: 50,
  dimensionValueLength: 200,
  metadataFields: 30,
  metadataKeyLength: 50,
  metadataValueLength: 1000,
} as const;

export const SERVICE_PATTERN = /^[a-zA-Z0-9_-]+$/;
export const INSTANCE_PATTERN = /^[a-zA-Z0-9_.-]+$/;
export const DIMENSION_KEY_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
