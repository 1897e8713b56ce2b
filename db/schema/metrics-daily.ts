import { index, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';
import { rollupColumns } from './rollup-columns';

export const metricsDaily = sqliteTable('metrics_daily', rollupColumns({ date: text('date').notNull() }), (t) => [
  unique().on(t.service, t.metricType, t.date),
  index('idx_daily_service_type_date').on(t.service, t.metricType, t.date),
  index('idx_daily_date').on(t.date),
]);
