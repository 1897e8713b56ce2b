import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, type Environment } from '../lib/config/config';
import { configurationTable } from '../lib/config/table';
import { VARIABLES } from '../lib/config/variables';
import { OLD_ENV } from './helpers/old-env';

const problem = (env: Environment) => {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('configuration (lib/config)', () => {
  it('accepts the old service’s .env.example as it is, with its documented meaning', () => {
    const config = parseConfig(OLD_ENV);
    expect(config.server).toEqual({ port: 8890, host: '0.0.0.0' });
    expect(config.database).toEqual({ engine: 'sqlite', file: '/var/lib/sqlite/metrics.db', busyTimeoutMs: 30_000 });
    expect(config.http.maxRequestSize).toBe(10 * 1024 * 1024);
    expect(config.keys.defaultRateLimit).toBe(1000);
    expect(config.retention.rawDays).toBe(90);
    expect(config.telemetry).toEqual({
      enabled: true,
      serviceName: 'mcp-metrics-service',
      prometheus: { enabled: true, port: 9465 },
      scrapeToken: null,
      maxLabelValues: 150,
      otlp: { url: 'http://jaeger:14250/v1/metrics', headers: {}, intervalMs: 30_000 },
    });
  });

  it('has a default for everything, and PORT wins over METRICS_SERVICE_PORT, METRICS_SERVICE_HOST over HOST', () => {
    const config = parseConfig({});
    expect(config.server).toEqual({ port: 3000, host: null });
    expect(config.database).toEqual({ engine: 'sqlite', file: path.resolve('data/metrics.db'), busyTimeoutMs: 30_000 });
    expect(config.telemetry.otlp).toBeNull();
    expect(config.telemetry.prometheus).toEqual({ enabled: true, port: 9465 });
    expect(parseConfig({ PORT: '4000', METRICS_SERVICE_PORT: '8890', HOST: '::1', METRICS_SERVICE_HOST: '127.0.0.1' }).server).toEqual({
      port: 4000,
      host: '127.0.0.1',
    });
    expect(parseConfig({ PORT: '', HOST: '::' }).server).toEqual({ port: 3000, host: '::' });
  });

  it('reads MAX_REQUEST_SIZE with units, 1024-based, or as bytes', () => {
    const size = (value: string) => parseConfig({ MAX_REQUEST_SIZE: value }).http.maxRequestSize;
    expect(size('10MB')).toBe(10_485_760);
    expect(size('512KB')).toBe(524_288);
    expect(size('512kb')).toBe(524_288);
    expect(size('1.5 MiB')).toBe(1_572_864);
    expect(size('1G')).toBe(1_073_741_824);
    expect(size('200')).toBe(200);
    expect(size('200B')).toBe(200);
    for (const bad of ['10 megabytes', 'MB', '-1', '0', '0.5', '1e6']) {
      expect(problem({ MAX_REQUEST_SIZE: bad })).toBe(`MAX_REQUEST_SIZE must be a size such as 10MB, 512KB or a number of bytes, got "${bad}"`);
    }
  });

  it('models the database: sqlite:/// paths, PostgreSQL URLs with pool and timeout', () => {
    expect(parseConfig({ DATABASE_URL: 'sqlite:///srv/m.db', SQLITE_DB_PATH: '/elsewhere.db' }).database).toMatchObject({
      engine: 'sqlite',
      file: '/srv/m.db',
    });
    expect(parseConfig({ DATABASE_URL: 'sqlite:///./rel/m.db' }).database).toMatchObject({ file: path.resolve('rel/m.db') });
    expect(parseConfig({ SQLITE_DB_PATH: 'x/y.db', DB_CONNECTION_TIMEOUT: '2.5' }).database).toEqual({
      engine: 'sqlite',
      file: path.resolve('x/y.db'),
      busyTimeoutMs: 2500,
    });
    expect(parseConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/metrics', DB_POOL_SIZE: '4', DB_CONNECTION_TIMEOUT: '5' }).database).toEqual({
      engine: 'postgres',
      url: 'postgresql://u:p@db:5432/metrics',
      poolSize: 4,
      connectionTimeoutSeconds: 5,
    });
    expect(parseConfig({ DATABASE_URL: 'postgres://db/metrics' }).database).toEqual({
      engine: 'postgres',
      url: 'postgres://db/metrics',
      poolSize: 10,
      connectionTimeoutSeconds: 30,
    });
    expect(problem({ DATABASE_URL: 'mysql://db/metrics' })).toBe(
      'DATABASE_URL must be postgres://…, postgresql://… or sqlite:///path, got "mysql://db/metrics"',
    );
    expect(problem({ DATABASE_URL: 'sqlite://' })).toMatch(/^DATABASE_URL must be/);
    expect(problem({ DB_POOL_SIZE: '0' })).toBe('DB_POOL_SIZE must be a whole number of connections, got "0"');
  });

  it('finds the OTLP endpoint as the old service and the standard variables do, with headers', () => {
    const otlp = (env: Environment) => parseConfig(env).telemetry.otlp;
    expect(otlp({ OTEL_OTLP_ENDPOINT: 'http://collector:4318/' })?.url).toBe('http://collector:4318/v1/metrics');
    expect(otlp({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example.com' })?.url).toBe('https://otel.example.com/v1/metrics');
    expect(otlp({ OTEL_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://b:4318' })?.url).toBe('http://a:4318/v1/metrics');
    expect(otlp({ OTEL_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://c:4318/custom' })?.url).toBe('http://c:4318/custom');
    expect(
      otlp({ OTEL_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20abc, x-tenant=ops', OTEL_METRIC_EXPORT_INTERVAL: '500' }),
    ).toEqual({
      url: 'http://a:4318/v1/metrics',
      headers: { authorization: 'Bearer abc', 'x-tenant': 'ops' },
      intervalMs: 500,
    });
    expect(problem({ OTEL_OTLP_ENDPOINT: 'jaeger:14250' })).toBe('OTEL_OTLP_ENDPOINT must be an http(s) URL, got "jaeger:14250"');
    expect(problem({ OTEL_EXPORTER_OTLP_HEADERS: 'no-equals-sign' })).toMatch(/^OTEL_EXPORTER_OTLP_HEADERS must be key=value pairs/);
  });

  it('stops at a value it cannot understand, naming the variable and what it expects, every bad one in one line', () => {
    expect(problem({ OTEL_PROMETHEUS_ENABLED: 'maybe' })).toBe('OTEL_PROMETHEUS_ENABLED must be true or false, got "maybe"');
    expect(problem({ METRICS_SERVICE_HOST: 'my host' })).toBe(
      'METRICS_SERVICE_HOST must be an IP address or host name to bind (0.0.0.0, 127.0.0.1, ::), got "my host"',
    );
    expect(problem({ API_KEY_HASH_ALGORITHM: 'bcrypt' })).toBe('API_KEY_HASH_ALGORITHM must be sha256 (the only hash keys are stored with), got "bcrypt"');
    expect(problem({ PROMETHEUS_SCRAPE_TOKEN: 'short' })).toBe('PROMETHEUS_SCRAPE_TOKEN must be a token of at least 16 characters without spaces, got "short"');
    const both = problem({ PORT: '99999', BATCH_SIZE: 'lots' });
    expect(both).toBe('PORT must be a port number (1-65535), got "99999"; BATCH_SIZE must be a whole number, got "lots"');
    expect(both).not.toContain('\n');
    expect(parseConfig({ OTEL_PROMETHEUS_ENABLED: 'FALSE', OTEL_SDK_DISABLED: 'yes', API_KEY_HASH_ALGORITHM: 'SHA256' }).telemetry).toMatchObject({
      enabled: false,
      prometheus: { enabled: false },
    });
  });

  it('documents every variable: the README table is the one rendered from lib/config', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    expect(readme).toContain(configurationTable());
    // Each variable once, so a renamed one cannot linger in the table.
    for (const { name } of VARIABLES) expect(configurationTable().split(`| \`${name}\` |`)).toHaveLength(2);
  });
});
