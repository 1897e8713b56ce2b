import { bigint, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * PostgreSQL only: requests per key and period (`YYYY-MM-DD` or `YYYY-MM`, UTC) for daily/monthly
 * limits held across instances (db/queries/usage-counters.ts). SQLite has no such table: its single
 * server counts in memory.
 */
export const usageCounters = pgTable(
  'usage_counters',
  {
    keyHash: text('key_hash').notNull(),
    period: text('period').notNull(),
    requests: bigint('requests', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.keyHash, t.period] })],
);
