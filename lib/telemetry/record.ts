import type { WriteJob } from '../ingest/commit';
import type { MetricType } from '../ingest/validation';
import { telemetry, type Telemetry } from './telemetry';

function recordRequest(t: Telemetry, endpoint: string, status: number, seconds: number): void {
  t.instruments.ingestRequests.add(1, { endpoint, status_code: String(status) });
  t.instruments.ingestDuration.record(seconds, { endpoint });
  if (status === 429) t.instruments.rateLimited.add(1, { endpoint });
}

/**
 * What a request records once its writes are committed (never before: a series counts only what is
 * stored): its metrics' series, and the request itself. `commitMs` is the time it waited for the
 * commit, which its usage entry's duration (measured before) does not include.
 */
export function recordCommitted(job: WriteJob, commitMs: number): void {
  const t = telemetry();
  if (!t) return;
  const accepted: Partial<Record<MetricType, number>> = {};
  for (const metric of job.metrics) {
    t.series.record(metric);
    accepted[metric.type] = (accepted[metric.type] ?? 0) + 1;
  }
  for (const [type, count] of Object.entries(accepted)) t.instruments.metricsAccepted.add(count, { metric_type: type });
  if (job.usage) recordRequest(t, job.usage.endpoint, job.usage.statusCode, (job.usage.durationMs + commitMs) / 1000);
}

/** A request whose commit failed: answered 500, its metrics not stored and not counted. */
export function recordFailedCommit(job: WriteJob, commitMs: number): void {
  const t = telemetry();
  if (t && job.usage) recordRequest(t, job.usage.endpoint, 500, (job.usage.durationMs + commitMs) / 1000);
}

/** Metrics of a well-formed request refused one by one (the request itself is answered 200). */
export function recordRejected(count: number): void {
  if (count) telemetry()?.instruments.metricsRejected.add(count);
}

/** How many requests shared one write transaction. */
export function recordGroupCommit(requests: number): void {
  telemetry()?.instruments.groupCommitRequests.record(requests);
}
