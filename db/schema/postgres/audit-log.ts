import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { identityId, timestamptz } from './columns';

/** One row per administrative change, written in the same transaction as the change. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: identityId(),
    timestamp: timestamptz('timestamp').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target'),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('idx_audit_timestamp').on(t.timestamp)],
);
