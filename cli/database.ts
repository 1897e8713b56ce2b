import path from 'node:path';
import type { Db } from '../db/client';
import { SqliteDb } from '../db/sqlite-client';
import { databasePath } from '../db/sqlite-file';

/** The `--db FILE` option every command group takes (default: SQLITE_DB_PATH). */
export const DB_OPTION = { db: { type: 'string' } } as const;

/** The database file a command works on. */
export const databaseFile = (option: string | undefined) => path.resolve(option ?? databasePath());

/** Opens the command's database for `work`, and closes it afterwards whatever happens. */
export async function withDatabase<T>(option: string | undefined, work: (db: Db) => Promise<T>): Promise<T> {
  const db = SqliteDb.open(databaseFile(option));
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}
