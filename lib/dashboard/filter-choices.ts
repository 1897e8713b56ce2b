import type { Reader } from '../../db/client';
import { selectRollupDimensions } from '../../db/queries/dashboard';
import { bucketSpan } from './buckets';
import type { TimeRange } from './time-range';

/** The services and metric types that reported within the range (from metrics_daily): a filter's choices. */
export function loadFilterChoices(db: Reader, range: TimeRange): Promise<{ services: string[]; metricTypes: string[] }> {
  const days = bucketSpan({ ...range, granularity: 'day' });
  return selectRollupDimensions(db, { first: days.first, afterLast: days.afterLast });
}
