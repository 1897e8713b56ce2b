import type { Counter, Histogram, Meter } from '@opentelemetry/api';
import { LATENCY_BUCKETS } from './gateway-series';

/** The service's own requests take a millisecond or two: the gateway's ladder, from 0.5 ms. */
export const INGEST_BUCKETS = [0.0005, 0.001, 0.0025, ...LATENCY_BUCKETS];
export const GROUP_COMMIT_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256];
export const RETENTION_BUCKETS = [0.1, 1, 10, 60, 300, 1800, 3600];

/** The service's own series (the gateway's are lib/telemetry/gateway-series.ts). */
export interface Instruments {
  ingestRequests: Counter;
  ingestDuration: Histogram;
  rateLimited: Counter;
  metricsAccepted: Counter;
  metricsRejected: Counter;
  groupCommitRequests: Histogram;
  labelOverflow: Counter;
  retentionRuns: Counter;
  retentionDuration: Histogram;
  retentionDeleted: Counter;
}

const seconds = (meter: Meter, name: string, description: string, buckets: number[]) =>
  meter.createHistogram(name, { description, unit: 's', advice: { explicitBucketBoundaries: buckets } });

/** Names as documented in the README (the Prometheus exporter appends `_total` to a counter without it, and nothing else). */
export function createInstruments(meter: Meter): Instruments {
  return {
    ingestRequests: meter.createCounter('mcp_metrics_ingest_requests_total', {
      description: 'Requests to the ingestion API by known keys, by endpoint and status code',
    }),
    ingestDuration: seconds(meter, 'mcp_metrics_ingest_request_duration_seconds', 'Time to answer an ingestion request, commit included', INGEST_BUCKETS),
    rateLimited: meter.createCounter('mcp_metrics_rate_limited_requests_total', {
      description: 'Requests refused with 429 (rate limit or daily/monthly limit)',
    }),
    metricsAccepted: meter.createCounter('mcp_metrics_metrics_accepted_total', { description: 'Metrics committed, by type' }),
    metricsRejected: meter.createCounter('mcp_metrics_metrics_rejected_total', { description: 'Metrics of well-formed requests rejected one by one' }),
    groupCommitRequests: meter.createHistogram('mcp_metrics_group_commit_requests', {
      description: 'Requests that shared one write transaction (group commit)',
      advice: { explicitBucketBoundaries: GROUP_COMMIT_BUCKETS },
    }),
    labelOverflow: meter.createCounter('mcp_metrics_label_overflow_total', {
      description: 'Metrics whose label value was exposed as _other because the label had PROMETHEUS_MAX_LABEL_VALUES values already',
    }),
    retentionRuns: meter.createCounter('mcp_metrics_retention_runs_total', { description: 'Retention runs finished, by status and dry_run' }),
    retentionDuration: seconds(meter, 'mcp_metrics_retention_run_duration_seconds', 'Duration of finished retention runs', RETENTION_BUCKETS),
    retentionDeleted: meter.createCounter('mcp_metrics_retention_deleted_rows_total', { description: 'Rows deleted by retention runs' }),
  };
}
