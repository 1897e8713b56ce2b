import type { Reader } from '../../db/client';
import { selectRollupDimensions } from '../../db/queries/dashboard';
import { bucketSpan } from './buckets';
import type { TimeRange } from './time-range';

export interface FilterChoices {
  services: string[];
  metricTypes: string[];
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/**
 * The services and metric types that reported on the days of the range (from metrics_daily): a filter's
 * choices. Given `metricType`, only the services that reported that type (the Auth, Discovery, Tools views).
 */
export async function loadFilterChoices(db: Reader, range: TimeRange, metricType?: string): Promise<FilterChoices> {
  const days = bucketSpan({ ...range, granularity: 'day' });
  const pairs = await selectRollupDimensions(db, { first: days.first, afterLast: days.afterLast });
  return {
    services: sorted(pairs.filter((p) => metricType === undefined || p.metricType === metricType).map((p) => p.service)),
    metricTypes: sorted(pairs.map((p) => p.metricType)),
  };
}
