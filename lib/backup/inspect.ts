import Database from 'better-sqlite3';
import { integrityProblems, pageStats, schemaVersion, tableRowCounts } from '../../db/queries/database';
import { sqliteReader } from '../../db/sqlite-client';

export interface DatabaseReport {
  /** Empty when PRAGMA integrity_check says "ok". */
  problems: string[];
  rowCounts: Record<string, number>;
  schemaVersion: number;
  bytes: number;
}

/** Opens a standalone copy read-only and reports whether it is sound, and what it holds. */
export async function inspectDatabaseFile(file: string): Promise<DatabaseReport> {
  let connection: Database.Database | undefined;
  try {
    connection = new Database(file, { readonly: true, fileMustExist: true });
    const db = sqliteReader(connection);
    const problems = await integrityProblems(db);
    const { pageCount, pageSize } = await pageStats(db);
    return { problems, rowCounts: problems.length ? {} : await tableRowCounts(db), schemaVersion: await schemaVersion(db), bytes: pageCount * pageSize };
  } catch (error) {
    return { problems: [`cannot read the database: ${(error as Error).message}`], rowCounts: {}, schemaVersion: 0, bytes: 0 };
  } finally {
    connection?.close();
  }
}
