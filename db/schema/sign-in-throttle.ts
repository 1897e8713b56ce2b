import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Failed sign-ins per scope: `pair:<address> <email>`, `address:<address>` or `account:<email>`.
 * `blocked_until` (ISO) pauses a scope; a window older than the throttle's window starts afresh.
 */
export const signInThrottle = sqliteTable('sign_in_throttle', {
  scope: text('scope').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: text('window_started_at').notNull(),
  blockedUntil: text('blocked_until'),
});
