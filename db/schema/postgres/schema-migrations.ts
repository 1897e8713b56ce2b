import { integer, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Created by the migration runner itself with one statement for both engines, hence SQLite's types
 * here too (`applied_at` is ISO text); `checksum` guards applied migration files against edits.
 */
export const schemaMigrations = pgTable('schema_migrations', {
  version: integer('version').primaryKey(),
  name: text('name').notNull(),
  appliedAt: text('applied_at').notNull(),
  checksum: text('checksum'),
});
