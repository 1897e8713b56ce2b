import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Created by the migration runner itself; `checksum` guards applied migration files against edits. */
export const schemaMigrations = sqliteTable('schema_migrations', {
  version: integer('version').primaryKey(),
  name: text('name').notNull(),
  appliedAt: text('applied_at').notNull(),
  checksum: text('checksum'),
});
