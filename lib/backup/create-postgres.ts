import fs from 'node:fs';
import path from 'node:path';
import { storageBytes } from '../../db/queries/database';
import { dumpDatabase } from '../../db/postgres-tools';
import type { BackupOptions, BackupResult } from './create';
import { BackupError, backupFileName, defaultBackupDir } from './files';
import { inspectDump, onPostgres, withPgTools } from './inspect-postgres';
import { pruneBackups } from './prune';

/**
 * Dumps a PostgreSQL database with pg_dump in custom format (one consistent snapshot; the servers keep
 * ingesting meanwhile), then verifies the dump by listing it and restoring it into a scratch database,
 * whose rows are counted. A dump that fails is deleted and nothing is kept.
 */
export async function createPostgresBackup(url: string, options: Omit<BackupOptions, 'database'> = {}): Promise<BackupResult> {
  const outDir = path.resolve(options.outDir ?? defaultBackupDir(url));
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, backupFileName(url, options.now ?? new Date()));
  if (fs.existsSync(file)) throw new BackupError(`${file} already exists`);
  const partial = `${file}.partial`;
  try {
    const databaseBytes = await onPostgres(url, async (db) => (await storageBytes(db)).fileBytes);
    await withPgTools(() => dumpDatabase(url, partial));
    const report = await inspectDump(partial, url, { failure: 'the dump failed its verification and was deleted' });
    fs.renameSync(partial, file);
    const pruned = options.keep === undefined ? [] : pruneBackups(outDir, options.keep, url);
    return { file, bytes: fs.statSync(file).size, databaseBytes, rowCounts: report.rowCounts, schemaVersion: report.schemaVersion, pruned };
  } finally {
    fs.rmSync(partial, { force: true });
  }
}
