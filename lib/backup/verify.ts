import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BackupError, extractBackup } from './files';
import { inspectDatabaseFile, type DatabaseReport } from './inspect';

/** Unpacks a backup to a temp file and checks it; throws a BackupError naming the problems if it is unsound. */
export async function verifyBackup(file: string): Promise<DatabaseReport & { file: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-metrics-verify-'));
  try {
    const copy = path.join(dir, 'backup.db');
    await extractBackup(path.resolve(file), copy);
    const report = await inspectDatabaseFile(copy);
    if (report.problems.length) throw new BackupError(`${file} failed its integrity check: ${report.problems.slice(0, 5).join('; ')}`);
    return { file: path.resolve(file), ...report };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
