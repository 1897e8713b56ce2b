import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { switchToRollbackJournal } from '../../db/queries/standalone-file';
import { openDatabase } from '../../db/sqlite-file';
import { busyTimeoutMs, databasePath } from '../../db/target';
import { BackupError, backupFileName, defaultBackupDir, gzipFile, removeDatabaseFiles } from './files';
import { inspectDatabaseFile } from './inspect';
import { pruneBackups } from './prune';

export interface BackupResult {
  file: string;
  /** Size of the gzipped file. */
  bytes: number;
  /** Size of the database it holds. */
  databaseBytes: number;
  rowCounts: Record<string, number>;
  schemaVersion: number;
  pruned: string[];
}

export interface BackupOptions {
  database?: string;
  outDir?: string;
  /** Keep only the newest N backups (this one included). */
  keep?: number;
  now?: Date;
}

/**
 * Copies the live database with SQLite's online backup API (the server keeps ingesting meanwhile),
 * checks the copy's integrity, and gzips it. A copy that fails the check is deleted and nothing is kept.
 */
export async function createBackup(options: BackupOptions = {}): Promise<BackupResult> {
  const database = path.resolve(options.database ?? databasePath());
  if (!fs.existsSync(database)) throw new BackupError(`no database at ${database}`);
  const outDir = path.resolve(options.outDir ?? defaultBackupDir(database));
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, backupFileName(database, options.now ?? new Date()));
  if (fs.existsSync(file)) throw new BackupError(`${file} already exists`);
  const copy = `${file}.partial.db`;
  const zipped = `${file}.partial`;
  try {
    const source = openDatabase(database, { busyTimeoutMs: busyTimeoutMs() });
    try {
      // Everything in one step: a step is one read transaction, so the copy is the snapshot at its start
      // and a write by the server cannot force the backup to start over.
      await source.backup(copy, { progress: () => 2 ** 30 });
    } finally {
      source.close();
    }
    const standalone = new Database(copy);
    switchToRollbackJournal(standalone);
    standalone.close();
    const report = await inspectDatabaseFile(copy);
    if (report.problems.length) throw new BackupError(`the backup copy failed its integrity check and was deleted: ${report.problems.slice(0, 5).join('; ')}`);
    await gzipFile(copy, zipped);
    fs.renameSync(zipped, file);
    const pruned = options.keep === undefined ? [] : pruneBackups(outDir, options.keep, database);
    return { file, bytes: fs.statSync(file).size, databaseBytes: report.bytes, rowCounts: report.rowCounts, schemaVersion: report.schemaVersion, pruned };
  } finally {
    removeDatabaseFiles(copy);
    fs.rmSync(zipped, { force: true });
  }
}
