import { index, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';
import { rollupColumns } from './rollup-columns';

/** Migration 0011: the minute rollups (`YYYY-MM-DDTHH:MM:00Z`), kept 2 days by default. */
export const metricsMinutely = sqliteTable('metrics_minutely', rollupColumns({ minuteTimestamp: text('minute_timestamp').notNull() }), (t) => [
  unique().on(t.service, t.metricType, t.minuteTimestamp),
  index('idx_minutely_service_type_minute').on(t.service, t.metricType, t.minuteTimestamp),
  index('idx_minutely_minute').on(t.minuteTimestamp),
]);
