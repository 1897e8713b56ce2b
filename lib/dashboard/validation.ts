import { z } from 'zod';
import { UserError } from '../errors';
import { parseInput } from '../validation';
import { METRIC_TYPES, SERVICE_PATTERN } from '../ingest/validation';
import { decodeCursor, type ExplorerQuery } from './explorer';
import type { OverviewQuery } from './load-overview';
import { firstParam, type SearchParamsInput } from './search-params';
import { parseTimeRange, type TimeRange } from './time-range';

// What ingestion accepts: nothing else can be in the tables.
const serviceName = z.string().max(100).regex(SERVICE_PATTERN, 'expected a service name (letters, digits, _ and -)');
const metricType = z.enum(METRIC_TYPES);

const filterParams = z.object({ service: serviceName.optional(), type: metricType.optional() });
const overviewParams = filterParams.extend({ group: z.enum(['service', 'type']).default('service') });

const emptyToUndefined = (value: string | undefined) => (value === '' ? undefined : value);

export function parseRangeParams(params: SearchParamsInput, now: Date): TimeRange {
  return parseTimeRange({ range: emptyToUndefined(firstParam(params, 'range')), from: firstParam(params, 'from'), to: firstParam(params, 'to') }, now);
}

/** The overview's state from its URL (`range`, `from`, `to`, `service`, `type`, `group`); an InvalidInput names each bad one. */
export function parseOverviewParams(params: SearchParamsInput, now: Date): OverviewQuery {
  const read = (key: string) => emptyToUndefined(firstParam(params, key));
  const { service, type, group } = parseInput(overviewParams, { service: read('service'), type: read('type'), group: read('group') }, 'query');
  return { range: parseRangeParams(params, now), service, metricType: type, groupBy: group };
}

/** The explorer's state from its URL: the range and filters of the overview, plus `cursor` (a page). */
export function parseExplorerParams(params: SearchParamsInput, now: Date): ExplorerQuery {
  const read = (key: string) => emptyToUndefined(firstParam(params, key));
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
