import type { KeyedEndpoint } from './keyed';

/** The key-authenticated endpoints of the ingestion API, as logged in api_key_usage_log. */
export const ENDPOINTS = {
  metrics: { path: '/metrics', bucket: 'ingest', countsForQuota: true },
  flush: { path: '/flush', bucket: 'ingest', countsForQuota: false },
  rateLimit: { path: '/rate-limit', bucket: 'status', countsForQuota: false },
} as const satisfies Record<string, KeyedEndpoint>;
