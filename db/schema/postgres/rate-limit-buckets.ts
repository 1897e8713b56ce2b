import { boolean, doublePrecision, integer, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * PostgreSQL only: a token bucket per rate-limited key, shared by every instance and updated in one
 * statement per request (db/queries/rate-limit.ts). SQLite has no such table: its single server keeps
 * the buckets in memory. `capacity` is the per-minute limit the tokens were counted against,
 * `refilled_ms` the last refill (epoch ms), `allowed` the verdict of the last take, which it returns.
 * Its migration creates it UNLOGGED (drizzle's pgTable has no way to say so).
 */
export const rateLimitBuckets = pgTable('rate_limit_buckets', {
  bucket: text('bucket').primaryKey(),
  capacity: integer('capacity').notNull(),
  tokens: doublePrecision('tokens').notNull(),
  refilledMs: doublePrecision('refilled_ms').notNull(),
  allowed: boolean('allowed').notNull(),
});
