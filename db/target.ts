import { config, parseConfig, type DatabaseConfig } from '../lib/config/config';
import type { Db } from './client';
import { PostgresDb } from './postgres-client';
import { SqliteDb } from './sqlite-client';

/** Which database the service runs on: the embedded SQLite file (the default) or a PostgreSQL server. */
export type DatabaseTarget = DatabaseConfig;

/** The configured database (lib/config: DATABASE_URL, else SQLITE_DB_PATH, else ./data/metrics.db). */
export const configuredTarget = (): DatabaseTarget => config().database;

/** The configured SQLite file: DATABASE_URL=sqlite:///path, else SQLITE_DB_PATH, else ./data/metrics.db (lib/config). */
export function databasePath(): string {
  const database = configuredTarget();
  if (database.engine !== 'sqlite') throw new Error('DATABASE_URL names a PostgreSQL server: this works on a SQLite file only');
  return database.file;
}

/** How long a statement waits for another connection's lock: DB_CONNECTION_TIMEOUT. */
export function busyTimeoutMs(): number {
  const target = configuredTarget();
  return target.engine === 'sqlite' ? target.busyTimeoutMs : target.connectionTimeoutSeconds * 1000;
}

/**
 * The database a command-line `--db` names, read by the configuration's own rules: a postgres:// or
 * sqlite:/// URL as DATABASE_URL would be, anything else as a SQLite file path.
 */
export function targetOf(location: string, env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(location);
  return parseConfig({ ...env, DATABASE_URL: isUrl ? location : '', SQLITE_DB_PATH: isUrl ? env.SQLITE_DB_PATH : location }).database;
}

/** Where a target's data lives, for messages and cache keys (never a password). */
export function targetLocation(target: DatabaseTarget): string {
  if (target.engine === 'sqlite') return target.file;
  const url = new URL(target.url);
  url.password = '';
  return url.toString();
}

/**
 * Opens a target: no connection to a PostgreSQL server is made before the first statement.
 * `withThreads`: a server's database, with its reader threads (and on SQLite its writer thread: db/sqlite-client.ts).
 */
export function openTarget(target: DatabaseTarget, options: { autoCheckpointPages?: number; withThreads?: boolean } = {}): Db {
  if (target.engine === 'postgres') return PostgresDb.open(target.url, { poolSize: target.poolSize, withThreads: options.withThreads });
  return SqliteDb.open(target.file, { ...options, busyTimeoutMs: target.busyTimeoutMs });
}

/**
 * Waits until the database answers: a PostgreSQL server is retried with backoff for
 * DB_CONNECTION_TIMEOUT seconds (a database container may start after the service); a SQLite file is there.
 */
export async function untilReachable(db: Db, target: DatabaseTarget): Promise<void> {
  if (db instanceof PostgresDb && target.engine === 'postgres') await db.waitUntilReachable(target.connectionTimeoutSeconds);
}
