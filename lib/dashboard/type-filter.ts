import type { MetricType } from '../ingest/validation';

/**
 * The metric types that are requests a user made (a sign-in, a discovery query, a tool call, a registry
 * change): what the overview counts unless told otherwise. Health checks and protocol latency samples
 * would otherwise make up a good part of "requests" and blend 4 ms probes into the duration chart.
 */
export const REQUEST_TYPES = ['auth_request', 'tool_discovery', 'tool_execution', 'registry_operation'] as const satisfies readonly MetricType[];

/** The overview's `type` parameter: absent (the request types), `all`, or one metric type. */
export type TypeFilter = 'requests' | 'all' | MetricType;

export const metricTypesOf = (type: TypeFilter): readonly string[] | undefined => (type === 'requests' ? REQUEST_TYPES : type === 'all' ? undefined : [type]);
