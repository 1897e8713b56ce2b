import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { config } from '../lib/config/config';

export type Sqlite = Database.Database;

export { DEFAULT_DB_PATH } from '../lib/config/variables';

/** The configured SQLite file: DATABASE_URL=sqlite:///path, else SQLITE_DB_PATH, else ./data/metrics.db (lib/config). */
export function databasePath(): string {
  const database = config().database;
  if (database.engine !== 'sqlite') throw new Error('DATABASE_URL names a PostgreSQL server: this works on a SQLite file only');
  return database.file;
}

/** How long a statement waits for another connection's lock: DB_CONNECTION_TIMEOUT. */
function busyTimeoutMs(): number {
  const database = config().database;
  return database.engine === 'sqlite' ? database.busyTimeoutMs : database.connectionTimeoutSeconds * 1000;
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
