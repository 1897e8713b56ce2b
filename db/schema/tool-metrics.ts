import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { boolean, createdNow } from './columns';

export const toolMetrics = sqliteTable(
  'tool_metrics',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id').notNull(),
    timestamp: text('timestamp').notNull(),
    service: text('service').notNull(),
    durationMs: real('duration_ms'),
    toolName: text('tool_name'),
    serverPath: text('server_path'),
    serverName: text('server_name'),
    success: boolean('success'),
    errorCode: text('error_code'),
    inputSizeBytes: integer('input_size_bytes'),
    outputSizeBytes: integer('output_size_bytes'),
    // Migration 0014: dimensions.method ("tools/call") and dimensions.client_name, for the Tools view's filters.
    method: text('method'),
    clientName: text('client_name'),
    createdAt: createdNow(),
  },
  (t) => [
    index('idx_tool_timestamp').on(t.timestamp),
    index('idx_tool_name').on(t.toolName, t.timestamp),
    index('idx_tool_success').on(t.success, t.timestamp),
    index('idx_tool_name_timestamp').on(t.toolName, t.timestamp),
  ],
);
