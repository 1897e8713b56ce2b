import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdNow } from './columns';

/**
 * Secrets generated once by whichever instance starts first and shared by all (the dashboard's
 * session-signing secret when none is configured). A single-server SQLite install keeps that secret in
 * `<data dir>/auth-secret` instead; the table exists on both engines so the migration list stays one.
 */
export const serviceSecrets = sqliteTable('service_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: createdNow().notNull(),
});
