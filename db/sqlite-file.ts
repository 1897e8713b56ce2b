import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Sqlite = Database.Database;

export const DEFAULT_DB_PATH = './data/metrics.db';

export function databasePath(): string {
  // Resolved at run time, not a file of the build: keep Turbopack from tracing the whole project.
  return path.resolve(/*turbopackIgnore: true*/ process.env.SQLITE_DB_PATH || DEFAULT_DB_PATH);
}

function busyTimeoutMs(): number {
  const seconds = Number(process.env.DB_CONNECTION_TIMEOUT ?? 30);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new Error(`DB_CONNECTION_TIMEOUT must be a number of seconds, got "${process.env.DB_CONNECTION_TIMEOUT}"`);
  }
  return Math.round(seconds * 1000);
}

/** Opens a SQLite file with the spec's PRAGMAs. The caller owns (and closes) the handle. */
export function openDatabase(file: string = databasePath(), options: { readonly?: boolean } = {}): Sqlite {
  // The database holds password and key hashes: a directory we create is the owner's alone.
  if (!options.readonly) fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file, { timeout: busyTimeoutMs(), readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
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
