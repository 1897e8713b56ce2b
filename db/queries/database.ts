import type { Sqlite } from '../connection';
import { ident } from './identifier';

export interface ForeignKeyProblem {
  table: string;
  rowid: number | null;
  parent: string;
  fkid: number;
}

export interface PageStats {
  pageSize: number;
  pageCount: number;
  freelistCount: number;
}

/** Every table of the schema (SQLite's own sqlite_* tables left out), by name. */
export function userTables(db: Sqlite): string[] {
  return db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
}

export function countRows(db: Sqlite, table: string): number {
  return db
    .prepare(`SELECT count(*) FROM ${ident(table)}`)
    .pluck()
    .get() as number;
}

export function tableRowCounts(db: Sqlite): Record<string, number> {
  return Object.fromEntries(userTables(db).map((t) => [t, countRows(db, t)]));
}

/** `PRAGMA integrity_check`'s messages (at most `max`); none for a sound file. */
export function integrityProblems(db: Sqlite, max = 100): string[] {
  const result = db
    .prepare(`PRAGMA integrity_check(${Math.trunc(max)})`)
    .pluck()
    .all() as string[];
  return result.length === 1 && result[0] === 'ok' ? [] : result;
}

export function foreignKeyCheck(db: Sqlite): ForeignKeyProblem[] {
  return db.prepare(`PRAGMA foreign_key_check`).all() as ForeignKeyProblem[];
}

export function pageStats(db: Sqlite): PageStats {
  return {
    pageSize: db.pragma('page_size', { simple: true }) as number,
    pageCount: db.pragma('page_count', { simple: true }) as number,
    freelistCount: db.pragma('freelist_count', { simple: true }) as number,
  };
}

/** The highest applied migration (0 for a file without schema_migrations). */
export function schemaVersion(db: Sqlite): number {
  const hasTable = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get();
  return hasTable ? ((db.prepare(`SELECT coalesce(max(version), 0) FROM schema_migrations`).pluck().get() as number) ?? 0) : 0;
}

/** Makes a standalone copy a single file: rollback journal instead of WAL. */
export function useRollbackJournal(db: Sqlite): void {
  db.pragma('journal_mode = DELETE');
}

/** Moves the whole WAL into the database file and empties it, so the file stands alone (after a bulk write). */
export function checkpointTruncate(db: Sqlite): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/** Rows copied as they were found may point at parents that were lost: keep them rather than refuse them. */
export function allowDanglingForeignKeys(db: Sqlite): void {
  db.pragma('foreign_keys = OFF');
}
