import type { Db } from '../db/client';
import { configuredTarget, openTarget, targetOf, untilReachable, type DatabaseTarget } from '../db/target';
import { CliError } from './errors';

/** The `--db FILE|URL` option every command group takes (default: DATABASE_URL, else SQLITE_DB_PATH). */
export const DB_OPTION = { db: { type: 'string' } } as const;

/** The database a command works on: `--db` (a SQLite file or a postgres:// URL), else the configured one. */
export const databaseTarget = (option: string | undefined): DatabaseTarget => (option === undefined ? configuredTarget() : targetOf(option));

/** The SQLite file of a verb that works on files only; on PostgreSQL it says what to use instead. */
export function databaseFile(option: string | undefined, onPostgres: string): string {
  const target = databaseTarget(option);
  if (target.engine !== 'sqlite') throw new CliError(onPostgres);
  return target.file;
}

/** Opens the command's database for `work` (waiting for a PostgreSQL server to answer), and closes it afterwards whatever happens. */
export async function withDatabase<T>(option: string | undefined, work: (db: Db) => Promise<T>): Promise<T> {
  const target = databaseTarget(option);
  const db = openTarget(target);
  try {
    await untilReachable(db, target);
    return await work(db);
  } finally {
    await db.close();
  }
}
