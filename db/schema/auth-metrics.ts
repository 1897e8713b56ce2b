import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { boolean, createdNow } from './columns';

export const authMetrics = sqliteTable(
  'auth_metrics',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id').notNull(),
    timestamp: text('timestamp').notNull(),
    service: text('service').notNull(),
    durationMs: real('duration_ms'),
    success: boolean('success'),
    method: text('method'),
    server: text('server'),
    userHash: text('user_hash'),
    errorCode: text('error_code'),
    createdAt: createdNow(),
  },
  (t) => [
    index('idx_auth_timestamp').on(t.timestamp),
    index('idx_auth_success').on(t.success, t.timestamp),
    index('idx_auth_user').on(t.userHash, t.timestamp),
    index('idx_auth_success_timestamp').on(t.success, t.timestamp),
  ],
);
