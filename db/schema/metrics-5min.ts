import { index, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';
import { rollupColumns } from './rollup-columns';

/** Migration 0011: the 5-minute rollups, keyed by their first minute (`YYYY-MM-DDTHH:M0:00Z` / `…:M5:00Z`), kept 2 days by default. */
export const metrics5min = sqliteTable('metrics_5min', rollupColumns({ minuteTimestamp: text('minute_timestamp').notNull() }), (t) => [
  unique().on(t.service, t.metricType, t.minuteTimestamp),
  index('idx_5min_service_type_minute').on(t.service, t.metricType, t.minuteTimestamp),
  index('idx_5min_minute').on(t.minuteTimestamp),
]);
