import { index, pgTable, unique } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns';
import { rollupColumns } from './rollup-columns';

/** Migration 0011: the minute rollups, kept 2 days by default. */
export const metricsMinutely = pgTable('metrics_minutely', rollupColumns({ minuteTimestamp: timestamptz('minute_timestamp').notNull() }), (t) => [
  unique().on(t.service, t.metricType, t.minuteTimestamp),
  index('idx_minutely_service_type_minute').on(t.service, t.metricType, t.minuteTimestamp),
  index('idx_minutely_minute').on(t.minuteTimestamp),
]);
