import { randomBytes } from 'node:crypto';
import { checkMetricsRequest } from './check';
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

/**
 * Applies the content rules to a well-shaped request and prepares the rows of its accepted metrics.
 * The caller commits `metrics` and answers `result` only after the commit.
 */
export function acceptMetrics(body: MetricsRequest, now: number = Date.now()): { result: IngestResult; metrics: PreparedMetric[] } {
  const requestId = newRequestId();
  const checked = checkMetricsRequest(body, now);
  const context = { requestId, service: body.service, version: body.version ?? null, instanceId: body.instance_id ?? null };
  return {
    result: { status: 'success', accepted: checked.accepted.length, rejected: checked.rejected, errors: checked.errors, request_id: requestId },
    metrics: checked.accepted.map((metric) => prepareMetric(metric, context)),
  };
}
