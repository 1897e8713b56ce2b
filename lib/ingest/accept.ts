import { randomBytes } from 'node:crypto';
import { recordRejected } from '../telemetry/record';
import { checkMetricsRequest, type CheckedRequest } from './check';
import { prepareMetric, type PreparedMetric } from './rows';
import type { MetricsRequest } from './validation';

export interface IngestResult {
  status: 'success';
  accepted: number;
  rejected: number;
  errors: string[];
  request_id: string;
}

// 64 random bits per id, cut from a pooled buffer: one getrandom call per 512 requests, not one each.
let pool = Buffer.alloc(0);
let offset = 0;
export function newRequestId(): string {
  if (offset + 8 > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  offset += 8;
  return `req_${pool.toString('hex', offset - 8, offset)}`;
}

export interface AcceptOptions {
  now?: number;
  /** The services the request's key may write for (null: any). */
  allowedServices?: readonly string[] | null;
  /** Metrics older than this many days are refused (null: no limit): the longest retention period. */
  keptDays?: number | null;
}

/** A key limited to some services writing for another: each metric is refused, and says why. */
function refusedForService(body: MetricsRequest, allowed: readonly string[]): CheckedRequest {
  const why = `service "${body.service}" is not one this API key may write for (allowed: ${allowed.join(', ')})`;
  return { accepted: [], rejected: body.metrics.length, errors: body.metrics.map((_, i) => `metrics[${i}]: ${why}`) };
}

/**
 * Applies the content rules to a well-shaped request and prepares the rows of its accepted metrics.
 * The caller commits `metrics` and answers `result` only after the commit.
 */
export function acceptMetrics(body: MetricsRequest, options: AcceptOptions = {}): { result: IngestResult; metrics: PreparedMetric[] } {
  const requestId = newRequestId();
  const allowed = options.allowedServices;
  const checked =
    allowed && !allowed.includes(body.service)
      ? refusedForService(body, allowed)
      : checkMetricsRequest(body, options.now ?? Date.now(), options.keptDays ?? null);
  const context = { requestId, service: body.service, version: body.version ?? null, instanceId: body.instance_id ?? null };
  recordRejected(checked.rejected);
  return {
    result: { status: 'success', accepted: checked.accepted.length, rejected: checked.rejected, errors: checked.errors, request_id: requestId },
    metrics: checked.accepted.map((metric) => prepareMetric(metric, context)),
  };
}
