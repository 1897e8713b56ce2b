// The SQLite schema, as migrations/ creates it; ./postgres is PostgreSQL's, table for table, plus
// rate_limit_buckets and usage_counters, which SQLite lacks: its single server keeps that state in memory.
export { apiKeys } from './api-keys';
export { metrics } from './metrics';
export { authMetrics } from './auth-metrics';
export { discoveryMetrics } from './discovery-metrics';
export { toolMetrics } from './tool-metrics';
export { metricsHourly } from './metrics-hourly';
export { metricsDaily } from './metrics-daily';
export { schemaMigrations } from './schema-migrations';
export { retentionPolicies } from './retention-policies';
export { apiKeyUsageLog } from './api-key-usage-log';
export { adminUsers } from './admin-users';
export { auditLog } from './audit-log';
export { retentionRuns } from './retention-runs';
export { signInThrottle } from './sign-in-throttle';
export { serviceSecrets } from './service-secrets';
export { schedulerLeases } from './scheduler-leases';
export { metricsMinutely } from './metrics-minutely';
export { metrics5min } from './metrics-5min';
export { alertRules } from './alert-rules';
export { alertEvents } from './alert-events';
export { metricsDimensionHourly } from './metrics-dimension-hourly';
export { savedViews, userPreferences } from './user-preferences';
