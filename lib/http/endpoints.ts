import type { KeyedEndpoint } from './keyed';

/** The key-authenticated endpoints of the ingestion API, as logged in api_key_usage_log. */
export const ENDPOINTS = {
  metrics: { path: '/metrics', takesToken: true, countsForQuota: true },
  flush: { path: '/flush', takesToken: true, countsForQuota: false },
  rateLimit: { path: '/rate-limit', takesToken: false, countsForQuota: false },
} as const satisfies Record<string, KeyedEndpoint>;
