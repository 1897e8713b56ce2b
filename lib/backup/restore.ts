import fs from 'node:fs';
import path from 'node:path';
import { checkpointTruncate } from '../../db/queries/standalone-file';
import { SqliteDb } from '../../db/sqlite-client';
import { databasePath } from '../../db/target';
import { UserError } from '../errors';
import { loadMigrations } from '../migrate/load';
import { migrationLabel } from '../migrate/migration';
import { migrateUp } from '../migrate/up';
import { serversUsing } from '../server/in-use';
import { BackupError, extractBackup, removeDatabaseFiles } from './files';
import { inspectDatabaseFile } from './inspect';

export interface RestoreResult {
  database: string;
  /** Where the replaced database was kept (with its WAL), or null when there was none. */
  previous: string | null;
  appliedMigrations: string[];
  rowCounts: Record<string, number>;
}

/** Moves a database file and its WAL/SHM aside together, keeping them a consistent set under the new name. */
function setAside(database: string, stamp: string): string | null {
  if (!fs.existsSync(database)) return null;
  const aside = `${database}.before-restore-${stamp}`;
  for (const suffix of ['-wal', '-shm']) if (fs.existsSync(database + suffix)) fs.renameSync(database + suffix, aside + suffix);
  // A hard link keeps the old file while the rename below swaps the new one in atomically.
  fs.linkSync(database, aside);
  return aside;
}

/**
 * Replaces the database with a backup: unpack beside it, check integrity, apply pending migrations,
 * then swap it in with an atomic rename. Refuses while a server is using the database.
 */
export async function restoreBackup(file: string, options: { to?: string; migrationsDir?: string } = {}): Promise<RestoreResult> {
  const database = path.resolve(options.to ?? databasePath());
  const live = serversUsing(database);
  if (live.length) {
    throw new UserError(
      `the server (pid ${live.map((s) => s.pid).join(', ')}) is using ${database}; stop it before restoring (or restore to another file with --to)`,
      409,
    );
  }
  fs.mkdirSync(path.dirname(database), { recursive: true });
  const staging = `${database}.restore-${process.pid}.tmp`;
  removeDatabaseFiles(staging);
  try {
    await extractBackup(path.resolve(file), staging);
    const report = await inspectDatabaseFile(staging);
    if (report.problems.length) throw new BackupError(`${file} failed its integrity check; nothing was replaced: ${report.problems.slice(0, 5).join('; ')}`);
    const db = SqliteDb.open(staging);
    let applied: string[];
    try {
      applied = (await migrateUp(db, await loadMigrations(options.migrationsDir))).map(migrationLabel);
      await db.betweenTransactions(checkpointTruncate);
    } finally {
      await db.close();
    }
    const rowCounts = (await inspectDatabaseFile(staging)).rowCounts;
    const previous = setAside(database, new Date().toISOString().replace(/[-:.]/g, ''));
    fs.renameSync(staging, database);
    return { database, previous, appliedMigrations: applied, rowCounts };
  } finally {
    removeDatabaseFiles(staging);
  }
}
