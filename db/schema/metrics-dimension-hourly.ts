import { index, integer, real, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';

/** Migration 0013: hourly rollups per value of one dimension (tool, server, client), bounded per hour (lib/rollups/dimension-rollups.ts). */
export const metricsDimensionHourly = sqliteTable(
  'metrics_dimension_hourly',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dimension: text('dimension').notNull(),
    value: text('value').notNull(),
    service: text('service').notNull(),
    metricType: text('metric_type').notNull(),
    hourTimestamp: text('hour_timestamp').notNull(),
    count: integer('count').notNull().default(0),
    successCount: integer('success_count').notNull().default(0),
    failureCount: integer('failure_count').notNull().default(0),
    durationCount: integer('duration_count').notNull().default(0),
    sumDurationMs: real('sum_duration_ms').notNull().default(0.0),
    durationSketch: text('duration_sketch'),
  },
  (t) => [unique().on(t.dimension, t.service, t.metricType, t.hourTimestamp, t.value), index('idx_dimension_hourly_hour').on(t.dimension, t.hourTimestamp)],
);
