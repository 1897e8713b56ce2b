import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sqliteReader } from '../../db/sqlite-client';
import { databasePath } from '../../db/target';
import { foreignKeyCheck, integrityProblems, type ForeignKeyProblem } from '../../db/queries/database';
import { UserError } from '../errors';

export interface CheckReport {
  file: string;
  ok: boolean;
  /** integrity_check's messages, or why the file could not be read; empty when sound. */
  integrity: string[];
  foreignKeys: ForeignKeyProblem[];
}

/** `PRAGMA integrity_check` and `PRAGMA foreign_key_check` on a database file, read-only. */
export async function checkDatabase(file: string = databasePath()): Promise<CheckReport> {
  const resolved = path.resolve(file);
  if (!fs.existsSync(resolved)) throw new UserError(`no database at ${resolved}`, 404);
  let db: Database.Database | undefined;
  try {
    db = new Database(resolved, { readonly: true, fileMustExist: true });
    const reader = sqliteReader(db);
    const integrity = await integrityProblems(reader);
    const foreignKeys = await foreignKeyCheck(reader);
    return { file: resolved, ok: !integrity.length && !foreignKeys.length, integrity, foreignKeys };
  } catch (error) {
    return { file: resolved, ok: false, integrity: [`cannot read the database: ${(error as Error).message}`], foreignKeys: [] };
  } finally {
    db?.close();
  }
}
