import { pgTable, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns';

/** Who runs a scheduled task (retention, backups) until `expires_at`; one holder at a time per task, across instances. */
export const schedulerLeases = pgTable('scheduler_leases', {
  task: text('task').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: timestamptz('expires_at').notNull(),
});
