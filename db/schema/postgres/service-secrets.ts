import { pgTable, text } from 'drizzle-orm/pg-core';
import { createdNow } from './columns';

/** Secrets generated once by whichever instance starts first and shared by all (the dashboard's session-signing secret when none is configured). */
export const serviceSecrets = pgTable('service_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: createdNow().notNull(),
});
