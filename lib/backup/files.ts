import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { databasePath } from '../../db/sqlite-file';
import { UserError } from '../errors';

/** A backup that cannot be made, read or trusted: the message says which and why. */
export class BackupError extends UserError {
  constructor(message: string) {
    super(message, 422);
  }
}

/** BACKUP_DIR, else `backups/` beside the database. */
export function defaultBackupDir(dbFile: string = databasePath()): string {
  return path.resolve(process.env.BACKUP_DIR || path.join(path.dirname(dbFile), 'backups'));
}

/** `<db name>-YYYYMMDD_HHMMSS_mmm.db.gz`: sorts by time, and never collides within a millisecond. */
export function backupFileName(dbFile: string, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '_').replace('.', '_').replace('Z', '');
  return `${path.basename(dbFile, path.extname(dbFile))}-${stamp}.db.gz`;
}

/** The backups of `dbFile` in `dir`, oldest first. */
export function listBackups(dir: string, dbFile: string = databasePath()): string[] {
  if (!fs.existsSync(dir)) return [];
  const base = path.basename(dbFile, path.extname(dbFile)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${base}-\\d{8}_\\d{6}_\\d{3}\\.db\\.gz$`);
  return fs
    .readdirSync(dir)
    .filter((f) => pattern.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

export async function gzipFile(from: string, to: string): Promise<void> {
  await pipeline(fs.createReadStream(from), zlib.createGzip({ level: 6 }), fs.createWriteStream(to, { flags: 'wx' }));
}

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** Writes the database a backup holds to `to`: gunzips a .gz, copies a plain SQLite file, refuses anything else. */
export async function extractBackup(file: string, to: string): Promise<void> {
  if (!fs.existsSync(file)) throw new BackupError(`backup file not found: ${file}`);
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.subarray(0, 2).equals(GZIP_MAGIC)) {
    try {
      await pipeline(fs.createReadStream(file), zlib.createGunzip(), fs.createWriteStream(to));
    } catch (error) {
      fs.rmSync(to, { force: true });
      throw new BackupError(`${file} is not a readable gzip file: ${(error as Error).message}`);
    }
  } else if (head.equals(SQLITE_MAGIC)) {
    fs.copyFileSync(file, to);
  } else {
    throw new BackupError(`${file} is neither a gzipped nor a plain SQLite backup`);
  }
}

/** Removes a SQLite file and whatever journal files sit beside it. */
export function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}
