import path from 'node:path';
import type { Db } from './client';
import { PostgresDb } from './postgres-client';
import { SqliteDb } from './sqlite-client';
import { DEFAULT_DB_PATH } from './sqlite-file';

/** Which database the service runs on: the embedded SQLite file (the default) or a PostgreSQL server. */
export type DatabaseTarget = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string; poolSize: number; connectionTimeoutSeconds: number };

export class DatabaseTargetError extends Error {}

const DEFAULT_POOL_SIZE = 10;
const DEFAULT_CONNECTION_TIMEOUT_SECONDS = 30;

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, whole: boolean): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(whole ? /^\d+$/ : /^\d+(\.\d+)?$/).test(raw) || value <= 0) {
    throw new DatabaseTargetError(`${name} must be a ${whole ? 'whole ' : ''}number greater than 0, got "${raw}"`);
  }
  return value;
}

/**
 * The database a URL or path names: `postgres://` or `postgresql://` → PostgreSQL; `sqlite:///path`
 * (the old service's spelling) or a plain path → that SQLite file. Anything else with a scheme is refused.
 */
export function targetOf(location: string, env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  if (/^postgres(ql)?:\/\//i.test(location)) {
    return {
      engine: 'postgres',
      url: location,
      poolSize: positiveNumber(env, 'DB_POOL_SIZE', DEFAULT_POOL_SIZE, true),
      connectionTimeoutSeconds: positiveNumber(env, 'DB_CONNECTION_TIMEOUT', DEFAULT_CONNECTION_TIMEOUT_SECONDS, false),
    };
  }
  const sqliteUrl = /^sqlite:\/\/(\/.*)$/i.exec(location);
  if (sqliteUrl) return { engine: 'sqlite', file: path.resolve(/*turbopackIgnore: true*/ sqliteUrl[1]!.replace(/^\/(?=\.)/, '')) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new DatabaseTargetError(`DATABASE_URL must start with postgres:// or postgresql:// (PostgreSQL) or sqlite:/// (a SQLite file), got "${location.split('://')[0]}://…"`);
  }
  return { engine: 'sqlite', file: path.resolve(/*turbopackIgnore: true*/ location) };
}

/** The configured database: DATABASE_URL when set, else the SQLite file at SQLITE_DB_PATH (default ./data/metrics.db). */
export function configuredTarget(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  return targetOf(env.DATABASE_URL || env.SQLITE_DB_PATH || DEFAULT_DB_PATH, env);
}

/** Where a target's data lives, for messages and cache keys (never a password). */
export function targetLocation(target: DatabaseTarget): string {
  if (target.engine === 'sqlite') return target.file;
  const url = new URL(target.url);
  url.password = '';
  return url.toString();
}

/** Opens a target: no connection to a PostgreSQL server is made before the first statement. */
export function openTarget(target: DatabaseTarget, options: { autoCheckpointPages?: number } = {}): Db {
  return target.engine === 'sqlite' ? SqliteDb.open(target.file, options) : PostgresDb.open(target.url, { poolSize: target.poolSize });
}

/**
 * Waits until the database answers: a PostgreSQL server is retried with backoff for
 * DB_CONNECTION_TIMEOUT seconds (a database container may start after the service); a SQLite file is there.
 */
export async function untilReachable(db: Db, target: DatabaseTarget): Promise<void> {
  if (db instanceof PostgresDb && target.engine === 'postgres') await db.waitUntilReachable(target.connectionTimeoutSeconds);
}
