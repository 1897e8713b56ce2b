import { sql } from 'drizzle-orm';
import { bigint, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { adminUsers } from './admin-users';
import { createdNow, identityId, timestamptz } from './columns';

/** Migration 0013: what a dashboard user keeps, the time zone the charts show. */
export const userPreferences = pgTable('user_preferences', {
  userId: bigint('user_id', { mode: 'number' })
    .primaryKey()
    .references(() => adminUsers.id, { onDelete: 'cascade' }),
  // A SQL expression, as PostgreSQL reports the column's default.
  timeZone: text('time_zone')
    .notNull()
    .default(sql`'UTC'::text`),
  updatedAt: timestamptz('updated_at').defaultNow(),
});

/** Migration 0013: a user's saved views, a name for a dashboard URL. */
export const savedViews = pgTable(
  'saved_views',
  {
    id: identityId(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => adminUsers.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    url: text('url').notNull(),
    createdAt: createdNow(),
  },
  (t) => [unique().on(t.userId, t.name)],
);
