import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** One row per administrative change, written in the same transaction as the change. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    timestamp: text('timestamp').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target'),
    before: text('before'),
    after: text('after'),
  },
  (t) => [index('idx_audit_timestamp').on(t.timestamp)],
);
