import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Reader } from '../../db/client';
import { tableRowCounts, userTables } from '../../db/queries/database';
import { otherSessions } from '../../db/queries/server-stats';
import { dumpDatabase, replaceWithDump } from '../../db/postgres-tools';
import { UserError } from '../errors';
import { loadMigrations, migrationsDir } from '../migrate/load';
import { migrationLabel } from '../migrate/migration';
import { migrateUp } from '../migrate/up';
import { beforeRestoreFileName, defaultBackupDir } from './files';
import { inspectDump, onPostgres, withPgTools } from './inspect-postgres';
import type { RestoreResult } from './restore';

/** Other sessions on the database, once connections that are just closing (this process's own, of the verification) have had a second to go. */
async function lingeringSessions(db: Reader) {
  for (let wait = 0; ; wait++) {
    const others = await otherSessions(db);
    if (!others.length || wait === 20) return others;
    await sleep(50);
  }
}

/**
 * Replaces a PostgreSQL database's contents with a pg_dump backup. First the dump is verified: listed,
 * restored into a scratch database and migrated there, so a dump that would fail replaces nothing.
 * Refuses while other sessions use the database (stop the servers first). What the database held is
 * dumped beside the backups (`<db>-before-restore-<time>.dump`); then one transaction empties the
 * schema and loads the dump, and pending migrations are applied.
 */
export async function restorePostgresBackup(
  file: string,
  url: string,
  options: { migrationsDir?: string; keepDir?: string; now?: Date } = {},
): Promise<RestoreResult> {
  const dump = path.resolve(file);
  const migrations = await loadMigrations(options.migrationsDir ?? migrationsDir('postgres'));
  await inspectDump(dump, url, { failure: `${file} failed its verification; nothing was replaced`, migrations });
  const { location, previous } = await onPostgres(url, async (db) => {
    const others = await lingeringSessions(db);
    if (others.length) {
      const who = others.map((s) => `pid ${s.pid}${s.application ? ` (${s.application})` : ''}${s.client ? ` from ${s.client}` : ''}`).join(', ');
      throw new UserError(
        `${others.length} other session(s) are connected to ${db.location}: ${who}; stop the servers using it before restoring (or restore into another database with --to postgres://…)`,
        409,
      );
    }
    if (!(await userTables(db)).length) return { location: db.location, previous: null };
    const keepDir = path.resolve(options.keepDir ?? defaultBackupDir(url));
    fs.mkdirSync(keepDir, { recursive: true });
    const kept = path.join(keepDir, beforeRestoreFileName(url, options.now ?? new Date()));
    await withPgTools(() => dumpDatabase(url, kept), 'cannot keep a copy of the database before replacing it; nothing was replaced').catch((error: unknown) => {
      fs.rmSync(kept, { force: true });
      throw error;
    });
    return { location: db.location, previous: kept };
  });
  await withPgTools(() => replaceWithDump(dump, url), `restoring ${file} failed; the database was left as it was`);
  return onPostgres(url, async (db) => {
    const applied = (await migrateUp(db, migrations)).map(migrationLabel);
    return { database: location, previous, appliedMigrations: applied, rowCounts: await tableRowCounts(db) };
  });
}
