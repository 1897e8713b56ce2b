/** The old service's .env.example (metrics-service/.env.example of the gateway): every variable it sets, with its values. */
export const OLD_ENV = {
  METRICS_SERVICE_PORT: '8890',
  METRICS_SERVICE_HOST: '0.0.0.0',
  DATABASE_URL: 'sqlite:///var/lib/sqlite/metrics.db',
  SQLITE_DB_PATH: '/var/lib/sqlite/metrics.db',
  METRICS_RETENTION_DAYS: '90',
  DB_CONNECTION_TIMEOUT: '30',
  DB_MAX_RETRIES: '5',
  OTEL_SERVICE_NAME: 'mcp-metrics-service',
  OTEL_PROMETHEUS_ENABLED: 'true',
  OTEL_PROMETHEUS_PORT: '9465',
  OTEL_OTLP_ENDPOINT: 'http://jaeger:14250',
  METRICS_RATE_LIMIT: '1000',
  API_KEY_HASH_ALGORITHM: 'sha256',
  BATCH_SIZE: '100',
  FLUSH_INTERVAL_SECONDS: '30',
  MAX_REQUEST_SIZE: '10MB',
};
