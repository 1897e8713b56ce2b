import fs from 'node:fs';
import { databasePath } from '../../db/target';
import { UserError } from '../errors';
import { listBackups } from './files';

/** Deletes all but the newest `keep` backups of the database (a SQLite file or a PostgreSQL URL) in `dir`; returns the deleted files. */
export function pruneBackups(dir: string, keep: number, source: string = databasePath()): string[] {
  if (!Number.isInteger(keep) || keep < 1) throw new UserError(`keep must be a whole number of at least 1, got ${keep}`);
  const doomed = listBackups(dir, source).slice(0, -keep);
  for (const file of doomed) fs.rmSync(file, { force: true });
  return doomed;
}
