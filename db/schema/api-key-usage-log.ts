import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { apiKeys } from './api-keys';

export const apiKeyUsageLog = sqliteTable(
  'api_key_usage_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    keyHash: text('key_hash')
      .notNull()
      .references(() => apiKeys.keyHash),
    serviceName: text('service_name').notNull(),
    timestamp: text('timestamp').notNull(),
    endpoint: text('endpoint').notNull(),
    requestCount: integer('request_count').default(1),
    bytesProcessed: integer('bytes_processed').default(0),
    durationMs: real('duration_ms').default(0),
    statusCode: integer('status_code').default(200),
  },
  (t) => [
    index('idx_usage_key_timestamp').on(t.keyHash, t.timestamp),
    index('idx_usage_timestamp').on(t.timestamp),
    index('idx_usage_endpoint').on(t.endpoint, t.timestamp),
  ],
);
