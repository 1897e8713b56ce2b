import { boolean, doublePrecision, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdNow, partitionedId, timestamptz } from './columns';

/** Partitioned by RANGE (created_at), one partition a month (migration 0001; drizzle does not declare partitioning). */
export const authMetrics = pgTable(
  'auth_metrics',
  {
    id: partitionedId(),
    requestId: text('request_id').notNull(),
    timestamp: timestamptz('timestamp').notNull(),
    service: text('service').notNull(),
    durationMs: doublePrecision('duration_ms'),
    success: boolean('success'),
    method: text('method'),
    server: text('server'),
    userHash: text('user_hash'),
    errorCode: text('error_code'),
    createdAt: createdNow().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.createdAt] }),
    index('idx_auth_timestamp').on(t.timestamp),
    index('idx_auth_success').on(t.success, t.timestamp),
    index('idx_auth_user').on(t.userHash, t.timestamp),
    index('idx_auth_success_timestamp').on(t.success, t.timestamp),
  ],
);
