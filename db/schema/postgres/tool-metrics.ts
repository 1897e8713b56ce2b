import { bigint, boolean, doublePrecision, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdNow, partitionedId, timestamptz } from './columns';

/** Partitioned by RANGE (created_at), one partition a month (migration 0001; drizzle does not declare partitioning). */
export const toolMetrics = pgTable(
  'tool_metrics',
  {
    id: partitionedId(),
    requestId: text('request_id').notNull(),
    timestamp: timestamptz('timestamp').notNull(),
    service: text('service').notNull(),
    durationMs: doublePrecision('duration_ms'),
    toolName: text('tool_name'),
    serverPath: text('server_path'),
    serverName: text('server_name'),
    success: boolean('success'),
    errorCode: text('error_code'),
    inputSizeBytes: bigint('input_size_bytes', { mode: 'number' }),
    outputSizeBytes: bigint('output_size_bytes', { mode: 'number' }),
    // Migration 0014: dimensions.method ("tools/call") and dimensions.client_name, for the Tools view's filters.
    method: text('method'),
    clientName: text('client_name'),
    createdAt: createdNow().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.createdAt] }),
    index('idx_tool_timestamp').on(t.timestamp),
    index('idx_tool_name').on(t.toolName, t.timestamp),
    index('idx_tool_success').on(t.success, t.timestamp),
    index('idx_tool_name_timestamp').on(t.toolName, t.timestamp),
  ],
);
