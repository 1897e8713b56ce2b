import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { boolean } from './columns';

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    keyHash: text('key_hash').notNull().unique(),
    serviceName: text('service_name').notNull(),
    createdAt: text('created_at').notNull(),
    lastUsedAt: text('last_used_at'),
    isActive: boolean('is_active').default(true),
    rateLimit: integer('rate_limit').default(1000),
    usageCount: integer('usage_count').default(0),
    dailyUsageLimit: integer('daily_usage_limit'),
    monthlyUsageLimit: integer('monthly_usage_limit'),
    description: text('description'),
    keyPrefix: text('key_prefix'),
    isAdmin: boolean('is_admin').default(false),
    /** JSON array of the services the key may write metrics for; NULL: any (the old service's rule). */
    allowedServices: text('allowed_services'),
  },
  (t) => [index('idx_api_keys_hash').on(t.keyHash), index('idx_api_keys_service').on(t.serviceName)],
);
