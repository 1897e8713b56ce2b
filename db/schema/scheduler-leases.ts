import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Who runs a scheduled task (retention, backups) until `expires_at` (ISO); one holder at a time per task. */
export const schedulerLeases = sqliteTable('scheduler_leases', {
  task: text('task').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: text('expires_at').notNull(),
});
