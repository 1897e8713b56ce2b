import { doublePrecision, index, integer, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { identityId, timestamptz } from './columns';

/** Migration 0013: hourly rollups per value of one dimension (tool, server, client), bounded per hour. */
export const metricsDimensionHourly = pgTable(
  'metrics_dimension_hourly',
  {
    id: identityId(),
    dimension: text('dimension').notNull(),
    value: text('value').notNull(),
    service: text('service').notNull(),
    metricType: text('metric_type').notNull(),
    hourTimestamp: timestamptz('hour_timestamp').notNull(),
    count: integer('count').notNull().default(0),
    successCount: integer('success_count').notNull().default(0),
    failureCount: integer('failure_count').notNull().default(0),
    durationCount: integer('duration_count').notNull().default(0),
    sumDurationMs: doublePrecision('sum_duration_ms').notNull().default(0.0),
    durationSketch: text('duration_sketch'),
  },
  (t) => [unique().on(t.dimension, t.service, t.metricType, t.hourTimestamp, t.value), index('idx_dimension_hourly_hour').on(t.dimension, t.hourTimestamp)],
);
