import { date, index, pgTable, unique } from 'drizzle-orm/pg-core';
import { rollupColumns } from './rollup-columns';

/** The day is a `date` (UTC), read as `YYYY-MM-DD` like SQLite's text. */
export const metricsDaily = pgTable('metrics_daily', rollupColumns({ date: date('date', { mode: 'string' }).notNull() }), (t) => [
  unique().on(t.service, t.metricType, t.date),
  index('idx_daily_service_type_date').on(t.service, t.metricType, t.date),
  index('idx_daily_date').on(t.date),
]);
