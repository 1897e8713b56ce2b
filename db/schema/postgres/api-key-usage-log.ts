import { bigint, doublePrecision, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { apiKeys } from './api-keys';
import { identityId, timestamptz } from './columns';

export const apiKeyUsageLog = pgTable(
  'api_key_usage_log',
  {
    id: identityId(),
    keyHash: text('key_hash')
      .notNull()
      .references(() => apiKeys.keyHash),
    serviceName: text('service_name').notNull(),
    timestamp: timestamptz('timestamp').notNull(),
    endpoint: text('endpoint').notNull(),
    requestCount: integer('request_count').default(1),
    bytesProcessed: bigint('bytes_processed', { mode: 'number' }).default(0),
    durationMs: doublePrecision('duration_ms').default(0),
    statusCode: integer('status_code').default(200),
  },
  (t) => [
    index('idx_usage_key_timestamp').on(t.keyHash, t.timestamp),
    index('idx_usage_timestamp').on(t.timestamp),
    index('idx_usage_endpoint').on(t.endpoint, t.timestamp),
  ],
);
