import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { databasePath } from '../../db/target';
import { config } from '../config/config';
import { UserError } from '../errors';

/** A backup that cannot be made, read or trusted: the message says which and why. */
export class BackupError extends UserError {
  constructor(message: string) {
    super(message, 422);
  }
}

const isPostgresUrl = (source: string) => /^postgres(ql)?:\/\//i.test(source);

/** BACKUP_DIR, else `backups/` beside a SQLite file; for a PostgreSQL database (a URL), `data/backups` in the working directory. */
export function defaultBackupDir(source: string = databasePath()): string {
  const beside = isPostgresUrl(source) ? path.resolve('data') : path.dirname(source);
  return path.resolve(config().backup.dir || path.join(beside, 'backups'));
}

/** How a database's backups are named: after the SQLite file (`metrics.db` -> `metrics`) or the PostgreSQL database (`.../metrics` -> `metrics`). */
function backupSeries(source: string): { stem: string; suffix: string } {
  if (isPostgresUrl(source)) return { stem: decodeURIComponent(new URL(source).pathname.slice(1)) || 'postgres', suffix: '.dump' };
  return { stem: path.basename(source, path.extname(source)), suffix: '.db.gz' };
}

const stampOf = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace('T', '_').replace('.', '_').replace('Z', '');

/**
 * `<db name>-YYYYMMDD_HHMMSS_mmm.db.gz` (a SQLite file, gzipped) or `.dump` (pg_dump's custom format):
 * sorts by time, and never collides within a millisecond.
 */
export function backupFileName(source: string, at: Date): string {
  const { stem, suffix } = backupSeries(source);
  return `${stem}-${stampOf(at)}${suffix}`;
}

/** Where `backup restore` keeps what a PostgreSQL database held before it was replaced (not a scheduled backup: never pruned). */
export function beforeRestoreFileName(source: string, at: Date): string {
  const { stem, suffix } = backupSeries(source);
  return `${stem}-before-restore-${stampOf(at)}${suffix}`;
}

/** The backups of a database (a SQLite file or a PostgreSQL URL) in `dir`, oldest first. */
export function listBackups(dir: string, source: string = databasePath()): string[] {
  if (!fs.existsSync(dir)) return [];
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const { stem, suffix } = backupSeries(source);
  const pattern = new RegExp(`^${escape(stem)}-\\d{8}_\\d{6}_\\d{3}${escape(suffix)}$`);
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
const PG_DUMP_MAGIC = Buffer.from('PGDMP', 'latin1');

function headOf(file: string): Buffer {
  if (!fs.existsSync(file)) throw new BackupError(`backup file not found: ${file}`);
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  return head;
}

/** Which engine a backup file is for: a pg_dump custom-format file, or (anything else) a SQLite backup, checked when it is unpacked. */
export function backupEngine(file: string): 'sqlite' | 'postgres' {
  return headOf(file).subarray(0, PG_DUMP_MAGIC.length).equals(PG_DUMP_MAGIC) ? 'postgres' : 'sqlite';
}

/** Writes the database a backup holds to `to`: gunzips a .gz, copies a plain SQLite file, refuses anything else. */
export async function extractBackup(file: string, to: string): Promise<void> {
  const head = headOf(file);
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
