import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';
import { adminUsers } from './admin-users';
import { createdNow } from './columns';

/** Migration 0013: what a dashboard user keeps, the time zone the charts show. */
export const userPreferences = sqliteTable('user_preferences', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => adminUsers.id, { onDelete: 'cascade' }),
  // A SQL literal, as SQLite reports the column's default.
  timeZone: text('time_zone')
    .notNull()
    .default(sql`'UTC'`),
  updatedAt: createdNow('updated_at'),
});

/** Migration 0013: a user's saved views, a name for a dashboard URL. */
export const savedViews = sqliteTable(
  'saved_views',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => adminUsers.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    url: text('url').notNull(),
    createdAt: createdNow(),
  },
  (t) => [unique().on(t.userId, t.name)],
);
