import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Sqlite = Database.Database;

/**
 * How long a statement waits for another connection's lock unless the opener says (DB_CONNECTION_TIMEOUT's
 * default; db/target.ts passes the configured one). No configuration is read here: the worker threads open
 * their connections through this module, and loading lib/config's zod schemas cost each thread 7.5 MB of RSS.
 */
export const DEFAULT_BUSY_TIMEOUT_MS = 30_000;

interface OpenOptions {
  readonly?: boolean;
  busyTimeoutMs?: number;
}

/** Opens a SQLite file with the spec's PRAGMAs. The caller owns (and closes) the handle. */
export function openDatabase(file: string, options: OpenOptions = {}): Sqlite {
  // The database holds password and key hashes: a directory we create is the owner's alone.
  if (!options.readonly) fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const timeout = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const db = new Database(file, { timeout, readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  if (!options.readonly) {
    // Only effective before the first table exists; on an existing file SQLite ignores it.
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
  }
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = 10000');
  db.pragma('temp_store = MEMORY');
  db.pragma('foreign_keys = ON');
  return db;
}

/** WAL pages after which a committing connection checkpoints by itself (SQLite's default is 1000). */
export function setAutoCheckpoint(connection: Sqlite, pages: number): void {
  connection.pragma(`wal_autocheckpoint = ${Math.trunc(pages)}`);
}
