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

export const newRequestId = () => `req_${randomBytes(8).toString('hex')}`;

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
