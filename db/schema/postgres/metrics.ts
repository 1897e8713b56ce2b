import { sql } from 'drizzle-orm';
import { doublePrecision, index, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdNow, partitionedId, timestamptz } from './columns';

/** Partitioned by RANGE (created_at), one partition a month (migration 0001; drizzle does not declare partitioning). */
export const metrics = pgTable(
  'metrics',
  {
    id: partitionedId(),
    requestId: text('request_id').notNull(),
    service: text('service').notNull(),
    serviceVersion: text('service_version'),
    instanceId: text('instance_id'),
    metricType: text('metric_type').notNull(),
    timestamp: timestamptz('timestamp').notNull(),
    value: doublePrecision('value').notNull(),
    durationMs: doublePrecision('duration_ms'),
    dimensions: jsonb('dimensions').$type<Record<string, unknown>>(),
    metadata: jsonb('metadata').$type<Record<string, unknown>>(),
    createdAt: createdNow().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.createdAt] }),
    index('idx_metrics_timestamp').on(t.timestamp),
    index('idx_metrics_service_type').on(t.service, t.metricType),
    index('idx_metrics_type_timestamp').on(t.metricType, t.timestamp),
    index('idx_metrics_service_timestamp').on(t.service, t.timestamp),
    index('idx_metrics_service_type_time_value').on(t.service, t.metricType, t.timestamp, t.value),
    // Migration 0011: the chart annotations (lib/annotations), few among the custom metrics.
    index('idx_metrics_annotations')
      .on(t.metricType, t.timestamp)
      .where(sql`${t.metricType} = 'custom' AND jsonb_typeof(${t.dimensions} -> 'annotation') = 'string'`),
  ],
);
