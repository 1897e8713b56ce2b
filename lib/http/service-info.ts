import packageJson from '../../package.json';

/** What GET /api describes: the service and its HTTP endpoints (`/` is the dashboard). */
export function serviceInfo() {
  return {
    service: 'mcp-metrics',
    description: 'Metrics collection service for the MCP gateway',
    version: packageJson.version,
    endpoints: {
      metrics: { method: 'POST', path: '/metrics', auth: 'X-API-Key', description: 'submit a batch of 1 to 100 metrics' },
      flush: { method: 'POST', path: '/flush', auth: 'X-API-Key', description: 'kept for old clients; metrics are committed before their 200' },
      rate_limit: { method: 'GET', path: '/rate-limit', auth: 'X-API-Key', description: "the key's rate-limit bucket, consuming nothing" },
      health: { method: 'GET', path: '/health', auth: null, description: 'liveness and database check' },
      dashboard: { method: 'GET', path: '/', auth: 'sign-in', description: 'admin dashboard' },
    },
  };
}
