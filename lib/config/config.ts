import path from 'node:path';
import type { z } from 'zod';
import { UserError } from '../errors';
import { literalDefault, VARIABLES } from './variables';

export const DEFAULT_OTLP_PATH = '/v1/metrics';

/** Which database the service runs on: a SQLite file (the default) or a PostgreSQL server (DATABASE_URL). */
export type DatabaseConfig =
  { engine: 'sqlite'; file: string; busyTimeoutMs: number } | { engine: 'postgres'; url: string; poolSize: number; connectionTimeoutSeconds: number };

export interface OtlpConfig {
  url: string;
  headers: Record<string, string>;
  intervalMs: number;
}

export interface Config {
  /** host null: every interface. */
  server: { port: number; host: string | null };
  database: DatabaseConfig;
  http: { maxRequestSize: number; trustedProxyHops: number };
  keys: { defaultRateLimit: number };
  /** rawDays: what a new database's policies keep of the raw metric tables. */
  retention: { rawDays: number; intervalMs: number };
  backup: { intervalMs: number; dir: string | null; keep: number };
  telemetry: {
    /** False under OTEL_SDK_DISABLED: no meter provider at all. */
    enabled: boolean;
    serviceName: string;
    prometheus: { enabled: boolean; port: number };
    scrapeToken: string | null;
    maxLabelValues: number;
    otlp: OtlpConfig | null;
  };
}

/**
 * A variable whose value cannot be understood: the message is the one line start-up stops with (a
 * UserError, so every command prints it without a stack trace). Status 500: never the caller's fault.
 */
export class ConfigError extends UserError {
  constructor(message: string) {
    super(message, 500);
  }
}

/** process.env, or any variables of the same shape. */
export type Environment = Record<string, string | undefined>;

type Variables = (typeof VARIABLES)[number];
type Values = { [V in Variables as V['name']]?: z.output<V['schema']> };

/** Every variable that is set (empty counts as unset) or has a literal default, parsed; or one ConfigError naming each bad one. */
function readVariables(env: Environment): Values {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const variable of VARIABLES) {
    const set = env[variable.name]?.trim();
    const raw = set || literalDefault(variable);
    if (raw === undefined) continue;
    const parsed = variable.schema.safeParse(raw);
    if (parsed.success) values[variable.name] = parsed.data;
    else problems.push(`${variable.name} must be ${variable.expects}, got "${env[variable.name]}"`);
  }
  if (problems.length) throw new ConfigError(problems.join('; '));
  return values;
}

const HOUR_MS = 3_600_000;

function database(v: Values): DatabaseConfig {
  const url = v.DATABASE_URL;
  if (url && /^postgres(ql)?:/i.test(url)) return { engine: 'postgres', url, poolSize: v.DB_POOL_SIZE!, connectionTimeoutSeconds: v.DB_CONNECTION_TIMEOUT! };
  // `sqlite:///var/lib/metrics.db` is the absolute path /var/lib/metrics.db; `sqlite:///./metrics.db` a relative one.
  const location = url ? url.slice('sqlite://'.length).replace(/^\/(?=\.)/, '') : v.SQLITE_DB_PATH!;
  return { engine: 'sqlite', file: path.resolve(/*turbopackIgnore: true*/ location), busyTimeoutMs: Math.round(v.DB_CONNECTION_TIMEOUT! * 1000) };
}

/** OTEL_EXPORTER_OTLP_METRICS_ENDPOINT as given; else OTEL_OTLP_ENDPOINT's or OTEL_EXPORTER_OTLP_ENDPOINT's `/v1/metrics`. */
function otlp(v: Values): OtlpConfig | null {
  const base = v.OTEL_OTLP_ENDPOINT ?? v.OTEL_EXPORTER_OTLP_ENDPOINT;
  const url = v.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT ?? (base && base.replace(/\/+$/, '') + DEFAULT_OTLP_PATH);
  return url ? { url, headers: v.OTEL_EXPORTER_OTLP_HEADERS ?? {}, intervalMs: v.OTEL_METRIC_EXPORT_INTERVAL! } : null;
}

/** Reads and checks the whole configuration from `env`; throws a ConfigError listing every bad variable. */
export function parseConfig(env: Environment): Config {
  const v = readVariables(env);
  return {
    server: { port: v.PORT ?? v.METRICS_SERVICE_PORT!, host: v.METRICS_SERVICE_HOST ?? v.HOST ?? null },
    database: database(v),
    http: { maxRequestSize: v.MAX_REQUEST_SIZE!, trustedProxyHops: v.TRUSTED_PROXY_HOPS! },
    keys: { defaultRateLimit: v.METRICS_RATE_LIMIT! },
    retention: { rawDays: v.METRICS_RETENTION_DAYS!, intervalMs: v.RETENTION_INTERVAL_HOURS! * HOUR_MS },
    backup: { intervalMs: v.BACKUP_INTERVAL_HOURS! * HOUR_MS, dir: v.BACKUP_DIR ?? null, keep: v.BACKUP_KEEP! },
    telemetry: {
      enabled: !v.OTEL_SDK_DISABLED,
      serviceName: v.OTEL_SERVICE_NAME!,
      prometheus: { enabled: v.OTEL_PROMETHEUS_ENABLED!, port: v.OTEL_PROMETHEUS_PORT! },
      scrapeToken: v.PROMETHEUS_SCRAPE_TOKEN ?? null,
      maxLabelValues: v.PROMETHEUS_MAX_LABEL_VALUES!,
      otlp: otlp(v),
    },
  };
}

let current: Config | undefined;

/**
 * The configuration of this process, read from the environment once. `npm start` (and the Next
 * server's instrumentation hook) read it before anything else and stop on a ConfigError, so a bad
 * value is never discovered by a request.
 */
export function config(): Config {
  return (current ??= parseConfig(process.env));
}

/** Tests only: read the environment again after changing it. */
export function reloadConfig(): Config {
  current = undefined;
  return config();
}
