import type { ApiKeyRecord } from '../../db/queries/api-keys';

/** A key as the admin API and `keys -- list --json` show it: settings and use, never the hash. */
export function keyJson(key: ApiKeyRecord) {
  return {
    id: key.id,
    service: key.serviceName,
    prefix: key.keyPrefix,
    active: key.isActive,
    admin: key.isAdmin,
    rate_limit: key.rateLimit,
    daily_limit: key.dailyUsageLimit,
    monthly_limit: key.monthlyUsageLimit,
    allowed_services: key.allowedServices,
    usage_count: key.usageCount,
    last_used_at: key.lastUsedAt,
    created_at: key.createdAt,
    description: key.description,
  };
}
