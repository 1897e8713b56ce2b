import { index, pgTable, unique } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns';
import { rollupColumns } from './rollup-columns';

export const metricsHourly = pgTable('metrics_hourly', rollupColumns({ hourTimestamp: timestamptz('hour_timestamp').notNull() }), (t) => [
  unique().on(t.service, t.metricType, t.hourTimestamp),
  index('idx_hourly_service_type_hour').on(t.service, t.metricType, t.hourTimestamp),
  index('idx_hourly_hour').on(t.hourTimestamp),
]);
