import { index, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';
import { rollupColumns } from './rollup-columns';

export const metricsHourly = sqliteTable('metrics_hourly', rollupColumns({ hourTimestamp: text('hour_timestamp').notNull() }), (t) => [
  unique().on(t.service, t.metricType, t.hourTimestamp),
  index('idx_hourly_service_type_hour').on(t.service, t.metricType, t.hourTimestamp),
  index('idx_hourly_hour').on(t.hourTimestamp),
]);
