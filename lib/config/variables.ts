import { z } from 'zod';
import { emailSchema, passwordSchema } from '../users/validation';

/**
 * Every environment variable the service reads, with the rule its value must follow and what it does.
 * lib/config/config.ts validates them all at start-up from this list, and the README's configuration
 * table is rendered from it (tests/config.test.ts checks the two agree), so no variable can be read
 * without being checked and documented.
 */
export interface Variable {
  name: string;
  /** Parses the (non-empty) value; a failure stops start-up with `<name> must be <expects>, got "<value>"`. */
  schema: z.ZodType;
  expects: string;
  /**
   * A literal (`3000`, `10MB`) is the value used when the variable is unset, parsed by `schema` like a
   * set one, so the table cannot disagree with the code; a description (every interface) is shown only.
   */
  default: string;
  meaning: string;
  group: Group;
}

export type Group = 'server' | 'database' | 'keys' | 'retention' | 'dashboard' | 'observability' | 'accepted';

export const DEFAULT_DB_PATH = './data/metrics.db';

const KIB = 1024;
const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: KIB,
  kb: KIB,
  kib: KIB,
  m: KIB ** 2,
  mb: KIB ** 2,
  mib: KIB ** 2,
  g: KIB ** 3,
  gb: KIB ** 3,
  gib: KIB ** 3,
};

const whole = (min: number, max = Number.MAX_SAFE_INTEGER) => z.string().regex(/^\d+$/).transform(Number).pipe(z.number().min(min).max(max));

const decimal = (min: number) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .transform(Number)
    .pipe(z.number().min(min));

const port = whole(1, 65_535);

/** An address to bind: an IPv4 or IPv6 address or a host name. */
const host = z.string().regex(/^(?:[A-Za-z0-9.-]+|\[?[0-9A-Fa-f:.]+(?:%[A-Za-z0-9]+)?\]?)$/);

/** `10MB`, `512KB`, `1.5 MiB`, or bytes; K/M/G are powers of 1024, as the old service's 10MB meant 10485760. */
const size = z.string().transform((text, ctx) => {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = match && UNITS[match[2]!.toLowerCase()];
  const bytes = unit ? Math.floor(Number(match[1]) * unit) : NaN;
  if (!(bytes >= 1)) ctx.addIssue({ code: 'custom', message: 'not a size' });
  return bytes;
});

const flag = z
  .string()
  .transform((text) => text.trim().toLowerCase())
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off']))
  .transform((text) => ['true', '1', 'yes', 'on'].includes(text));

const httpUrl = z.url({ protocol: /^https?$/ });

/** `key=value,key2=value2`, values percent-decoded (the OTLP exporters' standard format). */
const headerList = z.string().transform((text, ctx) => {
  const headers: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const at = pair.indexOf('=');
    const key = pair.slice(0, at).trim();
    if (at < 1 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(key)) {
      ctx.addIssue({ code: 'custom', message: 'not a header list' });
      return z.NEVER;
    }
    try {
      headers[key] = decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a header list' });
      return z.NEVER;
    }
  }
  return headers;
});

/** `postgres://…`, `postgresql://…`, or `sqlite:///path` (the old service's spelling of a SQLite file). */
const databaseUrl = z.string().refine((text) => /^postgres(ql)?:\/\/./i.test(text) || /^sqlite:\/\/\/./i.test(text));

const text = z.string();
const token = z.string().regex(/^\S{16,}$/);

export const VARIABLES = [
  {
    group: 'server',
    name: 'PORT',
    schema: port,
    expects: 'a port number (1-65535)',
    default: 'that of `METRICS_SERVICE_PORT`',
    meaning: 'HTTP port of the service: ingestion, admin API and dashboard',
  },
  {
    group: 'server',
    name: 'METRICS_SERVICE_PORT',
    schema: port,
    expects: 'a port number (1-65535)',
    default: '3000',
    meaning: 'the old service’s name for the port, used when `PORT` is unset',
  },
  {
    group: 'server',
    name: 'METRICS_SERVICE_HOST',
    schema: host,
    expects: 'an IP address or host name to bind (0.0.0.0, 127.0.0.1, ::)',
    default: 'every interface',
    meaning: 'bind address of the HTTP server and of the Prometheus listener',
  },
  {
    group: 'server',
    name: 'HOST',
    schema: host,
    expects: 'an IP address or host name to bind (0.0.0.0, 127.0.0.1, ::)',
    default: '',
    meaning: 'the bind address when `METRICS_SERVICE_HOST` is unset',
  },
  {
    group: 'server',
    name: 'MAX_REQUEST_SIZE',
    schema: size,
    expects: 'a size such as 10MB, 512KB or a number of bytes',
    default: '10MB',
    meaning: 'largest accepted request body (413 beyond); `KB`/`MB`/`GB` are 1024-based',
  },
  {
    group: 'server',
    name: 'TRUSTED_PROXY_HOPS',
    schema: whole(0, 100),
    expects: 'a whole number of proxies in front of the server (0: none)',
    default: '0',
    meaning: 'reverse proxies whose `X-Forwarded-For` entries are trusted for the client address',
  },
  {
    group: 'database',
    name: 'DATABASE_URL',
    schema: databaseUrl,
    expects: 'postgres://…, postgresql://… or sqlite:///path',
    default: '',
    meaning: '`postgres://user:password@host:5432/db` for PostgreSQL; `sqlite:///var/lib/metrics.db` names a SQLite file (the old spelling)',
  },
  {
    group: 'database',
    name: 'SQLITE_DB_PATH',
    schema: text,
    expects: 'a file path',
    default: DEFAULT_DB_PATH,
    meaning: 'the SQLite file when `DATABASE_URL` is unset; its directory is created',
  },
  {
    group: 'database',
    name: 'DB_CONNECTION_TIMEOUT',
    schema: decimal(0),
    expects: 'a number of seconds',
    default: '30',
    meaning: 'seconds to wait for a lock (SQLite busy timeout) or for the PostgreSQL server to answer',
  },
  {
    group: 'database',
    name: 'DB_POOL_SIZE',
    schema: whole(1, 1000),
    expects: 'a whole number of connections',
    default: '10',
    meaning: 'PostgreSQL connections per process',
  },
  {
    group: 'keys',
    name: 'METRICS_RATE_LIMIT',
    schema: whole(1, 1_000_000_000),
    expects: 'a whole number of requests per minute',
    default: '1000',
    meaning: 'rate limit of new API keys and of the `METRICS_API_KEY_<SUFFIX>` keys',
  },
  {
    group: 'keys',
    name: 'API_KEY_HASH_ALGORITHM',
    schema: z
      .string()
      .transform((value) => value.toLowerCase())
      .pipe(z.literal('sha256')),
    expects: 'sha256 (the only hash keys are stored with)',
    default: 'sha256',
    meaning: 'accepted from the old configuration; keys are stored as their sha256',
  },
  {
    group: 'retention',
    name: 'METRICS_RETENTION_DAYS',
    schema: whole(1, 36_500),
    expects: 'a whole number of days',
    default: '90',
    meaning: 'days of raw metrics (`metrics` and the three type tables) kept by a new database’s policies',
  },
  {
    group: 'retention',
    name: 'RETENTION_INTERVAL_HOURS',
    schema: decimal(0),
    expects: 'a number of hours (0 disables)',
    default: '24',
    meaning: 'hours between scheduled retention cleanups in `npm start` (`0` turns them off)',
  },
  {
    group: 'retention',
    name: 'BACKUP_INTERVAL_HOURS',
    schema: decimal(0),
    expects: 'a number of hours (0 disables)',
    default: '0',
    meaning: 'hours between scheduled backups in `npm start` (`0`: none)',
  },
  {
    group: 'retention',
    name: 'BACKUP_DIR',
    schema: text,
    expects: 'a directory path',
    default: '`backups/` beside the SQLite file; `./data/backups` on PostgreSQL',
    meaning: 'where `backup create` and the schedule write backups',
  },
  {
    group: 'retention',
    name: 'BACKUP_KEEP',
    schema: whole(1),
    expects: 'a whole number of at least 1',
    default: '7',
    meaning: 'scheduled backups kept (older ones are pruned)',
  },
  {
    group: 'dashboard',
    name: 'ADMIN_EMAIL',
    schema: emailSchema,
    expects: 'an email address',
    default: 'admin@localhost',
    meaning: 'the first dashboard admin, created at start-up when there is no admin yet',
  },
  {
    group: 'dashboard',
    name: 'ADMIN_PASSWORD',
    schema: passwordSchema,
    expects: 'a password of 10 to 200 characters',
    default: 'generated, printed once',
    meaning: 'that admin’s password',
  },
  {
    group: 'dashboard',
    name: 'AUTH_SECRET',
    schema: text,
    expects: 'a secret',
    default: 'kept in `auth-secret` beside the database',
    meaning: 'signs the dashboard session cookies (`NEXTAUTH_SECRET` works too)',
  },
  { group: 'dashboard', name: 'NEXTAUTH_SECRET', schema: text, expects: 'a secret', default: '', meaning: 'the same as `AUTH_SECRET`' },
  {
    group: 'dashboard',
    name: 'NEXTAUTH_URL',
    schema: httpUrl,
    expects: 'an http(s) URL',
    default: 'the request’s host and `X-Forwarded-Proto`',
    meaning: 'the dashboard’s public URL, if you want it fixed (`https://metrics.example.com`)',
  },
  {
    group: 'observability',
    name: 'OTEL_SDK_DISABLED',
    schema: flag,
    expects: 'true or false',
    default: 'false',
    meaning: '`true` records no series at all: no exposition, no push',
  },
  {
    group: 'observability',
    name: 'OTEL_SERVICE_NAME',
    schema: z.string().regex(/^\S+$/),
    expects: 'a name without spaces',
    default: 'mcp-metrics-service',
    meaning: 'the `service.name` resource attribute (pushed with OTLP; `target_info` in the exposition)',
  },
  {
    group: 'observability',
    name: 'OTEL_PROMETHEUS_ENABLED',
    schema: flag,
    expects: 'true or false',
    default: 'true',
    meaning: 'serve `GET /metrics` in the Prometheus text format on `OTEL_PROMETHEUS_PORT`',
  },
  { group: 'observability', name: 'OTEL_PROMETHEUS_PORT', schema: port, expects: 'a port number (1-65535)', default: '9465', meaning: 'port of that listener' },
  {
    group: 'observability',
    name: 'PROMETHEUS_SCRAPE_TOKEN',
    schema: token,
    expects: 'a token of at least 16 characters without spaces',
    default: '',
    meaning: 'lets `Authorization: Bearer <token>` scrape `GET /metrics` on the main port (an admin API key always may)',
  },
  {
    group: 'observability',
    name: 'PROMETHEUS_MAX_LABEL_VALUES',
    schema: whole(1, 100_000),
    expects: 'a whole number of at least 1',
    default: '150',
    meaning: 'distinct values a label may take; later new values are exposed as `_other`',
  },
  {
    group: 'observability',
    name: 'OTEL_OTLP_ENDPOINT',
    schema: httpUrl,
    expects: 'an http(s) URL',
    default: '',
    meaning: 'push every series over OTLP/HTTP (protobuf) to `<endpoint>/v1/metrics`',
  },
  {
    group: 'observability',
    name: 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT',
    schema: httpUrl,
    expects: 'an http(s) URL',
    default: '',
    meaning: 'the standard variable: the full URL to push to (wins over the other two)',
  },
  {
    group: 'observability',
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    schema: httpUrl,
    expects: 'an http(s) URL',
    default: '',
    meaning: 'the standard variable: push to `<endpoint>/v1/metrics` (`OTEL_OTLP_ENDPOINT` wins)',
  },
  {
    group: 'observability',
    name: 'OTEL_EXPORTER_OTLP_HEADERS',
    schema: headerList,
    expects: 'key=value pairs separated by commas',
    default: '',
    meaning: 'headers sent with every push (`authorization=Bearer%20abc,x-tenant=ops`; values percent-encoded)',
  },
  {
    group: 'observability',
    name: 'OTEL_METRIC_EXPORT_INTERVAL',
    schema: whole(100),
    expects: 'a whole number of milliseconds (at least 100)',
    default: '30000',
    meaning: 'milliseconds between pushes',
  },
  {
    group: 'accepted',
    name: 'DB_MAX_RETRIES',
    schema: whole(0),
    expects: 'a whole number',
    default: '',
    meaning: 'accepted, not needed: writes wait for the lock (`DB_CONNECTION_TIMEOUT`) instead of retrying',
  },
  {
    group: 'accepted',
    name: 'BATCH_SIZE',
    schema: whole(1),
    expects: 'a whole number',
    default: '',
    meaning: 'accepted, not needed: concurrent requests share a transaction (group commit) and nothing is buffered',
  },
  {
    group: 'accepted',
    name: 'FLUSH_INTERVAL_SECONDS',
    schema: decimal(0),
    expects: 'a number of seconds',
    default: '',
    meaning: 'accepted, not needed: a 200 means committed, so there is nothing to flush',
  },
] as const satisfies readonly Variable[];

export type VariableName = (typeof VARIABLES)[number]['name'];

/** The value a variable takes when unset, if its default is a literal rather than a description. */
export const literalDefault = (variable: Pick<Variable, 'default'>): string | undefined =>
  /^[\w./:@-]+$/.test(variable.default) ? variable.default : undefined;

/** Read by lib/keys/ensure-env-keys.ts: any number of them, one key each. */
export const ENV_KEY_VARIABLE = {
  group: 'keys',
  name: 'METRICS_API_KEY_<SUFFIX>',
  default: '',
  meaning: 'a key ensured at start-up for service `<suffix>` lower-cased, `_` → `-` (rate limit `METRICS_RATE_LIMIT`)',
} as const;
