import { schemaVersion, storageBytes, tableRowCounts } from '../../db/queries/database';
import { PostgresDb } from '../../db/postgres-client';
import { listDump, PgToolError, restoreDump, withScratchDatabase } from '../../db/postgres-tools';
import { UserError } from '../errors';
import { migrationLabel, type Migration } from '../migrate/migration';
import { migrateUp } from '../migrate/up';
import { BackupError } from './files';

export interface DumpReport {
  /** Objects in the dump's table of contents. */
  entries: number;
  /** The database it was dumped from, and that server's version. */
  database: string | null;
  serverVersion: string | null;
  /** As restored into the scratch database (and migrated, when migrations were given). */
  schemaVersion: number;
  rowCounts: Record<string, number>;
  /** pg_database_size of the restored copy. */
  bytes: number;
  appliedMigrations: string[];
}

/**
 * PostgreSQL's client tools missing (a message for the operator, never a stack trace) or failing (a
 * BackupError, its message after `failure` when given).
 */
export async function withPgTools<T>(work: () => Promise<T>, failure?: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PgToolError)
      throw error.missing ? new UserError(error.message, 500) : new BackupError(failure ? `${failure}: ${error.message}` : error.message);
    throw error;
  }
}

/** Opens a database for one verb (one connection), closing it whatever happens. */
export async function onPostgres<T>(url: string, work: (db: PostgresDb) => Promise<T>): Promise<T> {
  const db = PostgresDb.open(url, { poolSize: 1 });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/**
 * Checks a custom-format dump the two ways it can be trusted: pg_restore lists its table of contents,
 * and it restores, in one transaction, into a scratch database on `serverUrl`'s server, where its rows
 * are counted (after applying `migrations`, when given) before the scratch database is dropped.
 * Anything wrong is a BackupError starting with `failure`.
 */
export async function inspectDump(file: string, serverUrl: string, options: { failure: string; migrations?: Migration[] }): Promise<DumpReport> {
  const fail = (reason: string) => new BackupError(`${options.failure}: ${reason}`);
  return withPgTools(async () => {
    const listing = await listDump(file).catch((error: unknown) => {
      throw error instanceof PgToolError && !error.missing ? fail(`it is not a readable pg_dump custom-format file (${error.message})`) : error;
    });
    if (!listing.entries.some((entry) => / TABLE \S+ schema_migrations /.test(entry)))
      throw fail("it holds no schema_migrations table: not a backup of this service's database");
    return withScratchDatabase(serverUrl, async (scratchUrl) => {
      await restoreDump(file, scratchUrl).catch((error: unknown) => {
        throw error instanceof PgToolError && !error.missing ? fail(`it does not restore into an empty database (${error.message})`) : error;
      });
      return onPostgres(scratchUrl, async (db) => {
        const applied = options.migrations ? await migrateUp(db, options.migrations).catch((error: Error) => Promise.reject(fail(error.message))) : [];
        return {
          entries: listing.entries.length,
          database: listing.database,
          serverVersion: listing.serverVersion,
          schemaVersion: await schemaVersion(db),
          rowCounts: await tableRowCounts(db),
          bytes: (await storageBytes(db)).fileBytes,
          appliedMigrations: applied.map(migrationLabel),
        };
      });
    });
  }, options.failure);
}
