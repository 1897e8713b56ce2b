import { index, pgTable, unique } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns';
import { rollupColumns } from './rollup-columns';

/** Migration 0011: the 5-minute rollups, keyed by their first minute, kept 2 days by default. */
export const metrics5min = pgTable('metrics_5min', rollupColumns({ minuteTimestamp: timestamptz('minute_timestamp').notNull() }), (t) => [
  unique().on(t.service, t.metricType, t.minuteTimestamp),
  index('idx_5min_service_type_minute').on(t.service, t.metricType, t.minuteTimestamp),
  index('idx_5min_minute').on(t.minuteTimestamp),
]);
