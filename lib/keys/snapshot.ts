import type { ApiKeyRecord } from '../../db/queries/api-keys';

/** What the audit log keeps of a key: its settings, never its hash or plaintext. */
export function auditSnapshot(key: ApiKeyRecord) {
  return {
    service: key.serviceName,
    prefix: key.keyPrefix,
    description: key.description,
    isActive: key.isActive,
    isAdmin: key.isAdmin,
    rateLimit: key.rateLimit,
    dailyUsageLimit: key.dailyUsageLimit,
    monthlyUsageLimit: key.monthlyUsageLimit,
    allowedServices: key.allowedServices,
  };
}

export const auditTarget = (key: ApiKeyRecord) => `api_key:${key.id}`;
