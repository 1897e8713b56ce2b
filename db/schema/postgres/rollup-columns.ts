import { doublePrecision, integer, text, type PgColumnBuilderBase } from 'drizzle-orm/pg-core';
import { createdNow, identityId } from './columns';

/** The rollup tables (minute, 5-minute, hourly, daily) differ only in their bucket column; one definition serves them all. */
export function rollupColumns<Bucket extends Record<string, PgColumnBuilderBase>>(bucket: Bucket) {
  return {
    id: identityId(),
    service: text('service').notNull(),
    metricType: text('metric_type').notNull(),
    ...bucket,
    count: integer('count').default(0),
    sumValue: doublePrecision('sum_value').default(0.0),
    avgValue: doublePrecision('avg_value').default(0.0),
    minValue: doublePrecision('min_value'),
    maxValue: doublePrecision('max_value'),
    sumDurationMs: doublePrecision('sum_duration_ms').default(0.0),
    avgDurationMs: doublePrecision('avg_duration_ms').default(0.0),
    createdAt: createdNow(),
    updatedAt: createdNow('updated_at'),
    // Migration 0006: what the dashboard reads; the sketch's format is documented in lib/rollups/sketch.ts.
    successCount: integer('success_count').default(0),
    failureCount: integer('failure_count').default(0),
    durationCount: integer('duration_count').default(0),
    durationSketch: text('duration_sketch'),
  };
}
