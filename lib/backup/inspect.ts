import Database from 'better-sqlite3';
import { integrityProblems, pageStats, schemaVersion, tableRowCounts } from '../../db/queries/database';

export interface DatabaseReport {
  /** Empty when PRAGMA integrity_check says "ok". */
  problems: string[];
  rowCounts: Record<string, number>;
  schemaVersion: number;
  bytes: number;
}

/** Opens a standalone copy read-only and reports whether it is sound, and what it holds. */
export function inspectDatabaseFile(file: string): DatabaseReport {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const problems = integrityProblems(db);
    const { pageCount, pageSize } = pageStats(db);
    return { problems, rowCounts: problems.length ? {} : tableRowCounts(db), schemaVersion: schemaVersion(db), bytes: pageCount * pageSize };
  } catch (error) {
    return { problems: [`cannot read the database: ${(error as Error).message}`], rowCounts: {}, schemaVersion: 0, bytes: 0 };
  } finally {
    db?.close();
  }
}
