import { bigint, boolean, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { identityId, timestamptz } from './columns';

export const apiKeys = pgTable(
  'api_keys',
  {
    id: identityId(),
    keyHash: text('key_hash').notNull().unique(),
    serviceName: text('service_name').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    lastUsedAt: timestamptz('last_used_at'),
    isActive: boolean('is_active').default(true),
    rateLimit: integer('rate_limit').default(1000),
    usageCount: bigint('usage_count', { mode: 'number' }).default(0),
    dailyUsageLimit: integer('daily_usage_limit'),
    monthlyUsageLimit: integer('monthly_usage_limit'),
    description: text('description'),
    keyPrefix: text('key_prefix'),
    isAdmin: boolean('is_admin').default(false),
    /** The services the key may write metrics for; NULL: any (the old service's rule). */
    allowedServices: jsonb('allowed_services').$type<string[]>(),
  },
  (t) => [index('idx_api_keys_hash').on(t.keyHash), index('idx_api_keys_service').on(t.serviceName)],
);
