import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdNow } from './columns';

export const metrics = sqliteTable(
  'metrics',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id').notNull(),
    service: text('service').notNull(),
    serviceVersion: text('service_version'),
    instanceId: text('instance_id'),
    metricType: text('metric_type').notNull(),
    timestamp: text('timestamp').notNull(),
    value: real('value').notNull(),
    durationMs: real('duration_ms'),
    dimensions: text('dimensions'),
    metadata: text('metadata'),
    createdAt: createdNow(),
  },
  (t) => [
    index('idx_metrics_timestamp').on(t.timestamp),
    index('idx_metrics_service_type').on(t.service, t.metricType),
    index('idx_metrics_type_timestamp').on(t.metricType, t.timestamp),
    index('idx_metrics_service_timestamp').on(t.service, t.timestamp),
    index('idx_metrics_service_type_time_value').on(t.service, t.metricType, t.timestamp, t.value),
    // Migration 0011: the chart annotations (lib/annotations), few among the custom metrics.
    index('idx_metrics_annotations')
      .on(t.metricType, t.timestamp)
      .where(sql`${t.metricType} = 'custom' AND json_type(${t.dimensions}, '$.annotation') = 'text'`),
  ],
);
