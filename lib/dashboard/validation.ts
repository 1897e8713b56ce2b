import { z } from 'zod';
import { UserError } from '../errors';
import { parseInput } from '../validation';
import { METRIC_TYPES, SERVICE_PATTERN } from '../ingest/validation';
import { SPLITS, STATS } from './breakdown';
import { decodeCursor, type ExplorerQuery } from './explorer';
import type { OverviewQuery } from './load-overview';
import { parseRefresh } from './refresh';
import { firstParam, type SearchParamsInput } from './search-params';
import { parseTimeRange, type TimeRange } from './time-range';
import type { TypeFilter } from './type-filter';

// What ingestion accepts: nothing else can be in the tables.
const serviceName = z.string().max(100).regex(SERVICE_PATTERN, 'expected a service name (letters, digits, _ and -)');

// A dimension's value as the gateway sends it: any text up to the dimension limit.
const dimensionValue = z.string().max(200);
const explorerParams = z.object({
  service: serviceName.optional(),
  type: z.enum([...METRIC_TYPES, 'requests']).optional(),
  success: z.enum(['true', 'false', 'none']).optional(),
  error_code: dimensionValue.optional(),
  tool_name: dimensionValue.optional(),
  server: dimensionValue.optional(),
  method: dimensionValue.optional(),
  client: dimensionValue.optional(),
  request_id: dimensionValue.optional(),
});
const overviewParams = z.object({
  service: serviceName.optional(),
  type: z.enum([...METRIC_TYPES, 'all']).optional(),
  group: z.enum(['service', 'type']).default('service'),
  split: z.enum(SPLITS).default('service'),
  stat: z.enum(STATS).default('p95'),
});
const viewParams = z.object({ service: serviceName.optional() });
// A server's name as the gateway reports it (dimensions.server or server_name): any text up to the dimension limit.
const outcomeViewParams = viewParams.extend({ server: z.string().max(200).optional() });
// The MCP method (dimensions.method, "tools/call") and the client (dimensions.client_name), as sent.
const toolsViewParams = outcomeViewParams.extend({ method: dimensionValue.optional(), client: dimensionValue.optional() });

const emptyToUndefined = (value: string | undefined) => (value === '' ? undefined : value);
const reader = (params: SearchParamsInput) => (key: string) => emptyToUndefined(firstParam(params, key));

/** The URL parameters a schema names (an empty one counts as absent), checked with it: an InvalidInput names each bad one. */
function readQuery<S extends z.ZodObject>(schema: S, params: SearchParamsInput): z.output<S> {
  const read = reader(params);
  return parseInput(schema, Object.fromEntries(Object.keys(schema.shape).map((key) => [key, read(key)])), 'query');
}

/** The range of a page's URL; its `refresh` is checked here too, so that every page names a bad one. */
export function parseRangeParams(params: SearchParamsInput, now: Date): TimeRange {
  parseRefresh(firstParam(params, 'refresh'));
  return parseTimeRange({ range: emptyToUndefined(firstParam(params, 'range')), from: firstParam(params, 'from'), to: firstParam(params, 'to') }, now);
}

/**
 * The overview's state from its URL (`range`, `from`, `to`, `service`, `type`, `group`); an InvalidInput
 * names each bad one. Without `type` it counts the request types (type-filter.ts), `type=all` every type.
 */
export function parseOverviewParams(params: SearchParamsInput, now: Date): OverviewQuery {
  const { service, type, group, split, stat } = readQuery(overviewParams, params);
  return { range: parseRangeParams(params, now), service, type: (type ?? 'requests') satisfies TypeFilter, groupBy: group, split, stat };
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

/** The state of the Tools view: also the method and the client (tool_metrics.method, tool_metrics.client_name). */
export interface ToolsViewQuery extends OutcomeViewQuery {
  method?: string;
  client?: string;
}

export function parseViewParams(params: SearchParamsInput, now: Date): ViewQuery {
  return { range: parseRangeParams(params, now), ...readQuery(viewParams, params) };
}

export function parseOutcomeViewParams(params: SearchParamsInput, now: Date): OutcomeViewQuery {
  return { range: parseRangeParams(params, now), ...readQuery(outcomeViewParams, params) };
}

export function parseToolsViewParams(params: SearchParamsInput, now: Date): ToolsViewQuery {
  return { range: parseRangeParams(params, now), ...readQuery(toolsViewParams, params) };
}

/**
 * The explorer's state from its URL: the range, `service`, `type` (a metric type or `requests`), `success`
 * (true, false or none), `error_code`, `tool_name`, `server`, `method`, `client` (dimensions.client_name), `request_id`,
 * and `cursor` (a page).
 */
export function parseExplorerParams(params: SearchParamsInput, now: Date): ExplorerQuery {
  const f = readQuery(explorerParams, params);
  const cursor = reader(params)('cursor');
  return {
    range: parseRangeParams(params, now),
    service: f.service,
    metricType: f.type,
    success: f.success === undefined ? undefined : f.success === 'none' ? 'none' : f.success === 'true',
    errorCode: f.error_code,
    toolName: f.tool_name,
    server: f.server,
    method: f.method,
    client: f.client,
    requestId: f.request_id,
    cursor: cursor === undefined ? undefined : decodeCursor(cursor),
  };
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
