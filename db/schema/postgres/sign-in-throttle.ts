import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns';

/**
 * Failed sign-ins per scope: `pair:<address> <email>`, `address:<address>` or `account:<email>`.
 * `blocked_until` pauses a scope; a window older than the throttle's window starts afresh.
 */
export const signInThrottle = pgTable('sign_in_throttle', {
  scope: text('scope').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: timestamptz('window_started_at').notNull(),
  blockedUntil: timestamptz('blocked_until'),
});
