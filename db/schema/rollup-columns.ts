import { integer, real, text, type SQLiteColumnBuilderBase } from 'drizzle-orm/sqlite-core';
import { createdNow } from './columns';

/** The rollup tables (minute, 5-minute, hourly, daily) differ only in their bucket column; one definition serves them all. */
export function rollupColumns<Bucket extends Record<string, SQLiteColumnBuilderBase>>(bucket: Bucket) {
  return {
    id: integer('id').primaryKey({ autoIncrement: true }),
    service: text('service').notNull(),
    metricType: text('metric_type').notNull(),
    ...bucket,
    count: integer('count').default(0),
    sumValue: real('sum_value').default(0.0),
    avgValue: real('avg_value').default(0.0),
    minValue: real('min_value'),
    maxValue: real('max_value'),
    sumDurationMs: real('sum_duration_ms').default(0.0),
    avgDurationMs: real('avg_duration_ms').default(0.0),
    createdAt: createdNow(),
    updatedAt: createdNow('updated_at'),
    // Migration 0006: what the dashboard reads; the sketch's format is documented in lib/rollups/sketch.ts.
    successCount: integer('success_count').default(0),
    failureCount: integer('failure_count').default(0),
    durationCount: integer('duration_count').default(0),
    durationSketch: text('duration_sketch'),
  };
}
