import { z } from 'zod';
import { UserError } from '../errors';
import { parseInput } from '../validation';
import { METRIC_TYPES, SERVICE_PATTERN } from '../ingest/validation';
import { decodeCursor, type ExplorerQuery } from './explorer';
import type { OverviewQuery } from './load-overview';
import { firstParam, type SearchParamsInput } from './search-params';
import { parseTimeRange, type TimeRange } from './time-range';
import type { TypeFilter } from './type-filter';

// What ingestion accepts: nothing else can be in the tables.
const serviceName = z.string().max(100).regex(SERVICE_PATTERN, 'expected a service name (letters, digits, _ and -)');
const metricType = z.enum(METRIC_TYPES);

const filterParams = z.object({ service: serviceName.optional(), type: metricType.optional() });
const overviewParams = z.object({
  service: serviceName.optional(),
  type: z.enum([...METRIC_TYPES, 'all']).optional(),
  group: z.enum(['service', 'type']).default('service'),
});
const viewParams = z.object({ service: serviceName.optional() });
// A server's name as the gateway reports it (dimensions.server or server_name): any text up to the dimension limit.
const outcomeViewParams = viewParams.extend({ server: z.string().max(200).optional() });

const emptyToUndefined = (value: string | undefined) => (value === '' ? undefined : value);
const reader = (params: SearchParamsInput) => (key: string) => emptyToUndefined(firstParam(params, key));

export function parseRangeParams(params: SearchParamsInput, now: Date): TimeRange {
  return parseTimeRange({ range: emptyToUndefined(firstParam(params, 'range')), from: firstParam(params, 'from'), to: firstParam(params, 'to') }, now);
}

/**
 * The overview's state from its URL (`range`, `from`, `to`, `service`, `type`, `group`); an InvalidInput
 * names each bad one. Without `type` it counts the request types (type-filter.ts), `type=all` every type.
 */
export function parseOverviewParams(params: SearchParamsInput, now: Date): OverviewQuery {
  const read = reader(params);
  const { service, type, group } = parseInput(overviewParams, { service: read('service'), type: read('type'), group: read('group') }, 'query');
  return { range: parseRangeParams(params, now), service, type: (type ?? 'requests') satisfies TypeFilter, groupBy: group };
}

/** The state of the Discovery view: the range and a service. */
export interface ViewQuery {
  range: TimeRange;
  service?: string;
}

/** The state of the Auth and Tools views: also the server (auth_metrics.server, tool_metrics.server_name). */
export interface OutcomeViewQuery extends ViewQuery {
  server?: string;
}

export function parseViewParams(params: SearchParamsInput, now: Date): ViewQuery {
  const { service } = parseInput(viewParams, { service: reader(params)('service') }, 'query');
  return { range: parseRangeParams(params, now), service };
}

export function parseOutcomeViewParams(params: SearchParamsInput, now: Date): OutcomeViewQuery {
  const read = reader(params);
  const { service, server } = parseInput(outcomeViewParams, { service: read('service'), server: read('server') }, 'query');
  return { range: parseRangeParams(params, now), service, server };
}

/** The explorer's state from its URL: the range and filters of the overview, plus `cursor` (a page). */
export function parseExplorerParams(params: SearchParamsInput, now: Date): ExplorerQuery {
  const read = reader(params);
  const { service, type } = parseInput(filterParams, { service: read('service'), type: read('type') }, 'query');
  const cursor = read('cursor');
  return { range: parseRangeParams(params, now), service, metricType: type, cursor: cursor === undefined ? undefined : decodeCursor(cursor) };
}

/** For pages: the parsed query, or the UserError's message to show in place of the page's content. */
export function parsePageQuery<T>(parse: () => T): { query: T; error?: undefined } | { query?: undefined; error: string } {
  try {
    return { query: parse() };
  } catch (error) {
    if (error instanceof UserError) return { error: error.message };
    throw error;
  }
}
