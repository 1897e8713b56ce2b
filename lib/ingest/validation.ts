import { z } from 'zod';
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

/**
 * The list's length is checked before any item is: a 10 MB body of 200,000 metrics is refused with a
 * 422 at once, instead of after a second of validating items it would refuse anyway. (Too few
 * metrics stays a request-level rejection, check.ts.)
 */
const metricsList = z
  .array(z.unknown())
  .superRefine((items, ctx) => {
    if (items.length > LIMITS.metricsPerRequest) {
      ctx.addIssue({
        code: 'custom',
        message: `List should have at most ${LIMITS.metricsPerRequest} items, not ${items.length}`,
        params: { type: 'too_long' },
      });
    }
  })
  .pipe(z.array(metricShape));

/** The body of POST /metrics, as the gateway's client sends it. Unknown fields are ignored, as FastAPI did. */
export const metricsRequestShape = z.object({
  service: z.string(),
  version: z.string().nullish(),
  instance_id: z.string().nullish(),
  metrics: metricsList,
});

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
