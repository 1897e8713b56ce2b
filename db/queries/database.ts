import fs from 'node:fs';
import type { Reader } from '../client';
import { ident } from './identifier';
import { tableExists } from './schema-migrations';

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

/** Every table of the schema by name (SQLite's own sqlite_* tables, and PostgreSQL's partitions, left out). */
export async function userTables(db: Reader): Promise<string[]> {
  const sql =
    db.engine === 'sqlite'
      ? `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
      : `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname`;
  return (await db.all<{ name: string }>(sql)).map((row) => row.name);
}

/** A table's row count: a statement that reads the whole table (about 25 ms per million rows on SQLite). */
export const countRowsSql = (table: string) => `SELECT count(*) AS n FROM ${ident(table)}`;

export async function countRows(db: Reader, table: string): Promise<number> {
  return (await db.get<{ n: number }>(countRowsSql(table)))!.n;
}

export async function tableRowCounts(db: Reader): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await userTables(db)) counts[table] = await countRows(db, table);
  return counts;
}

/** `PRAGMA integrity_check`'s messages (at most `max`); none for a sound file. */
export async function integrityProblems(db: Reader, max = 100): Promise<string[]> {
  const result = (await db.all<{ integrity_check: string }>(`PRAGMA integrity_check(${Math.trunc(max)})`)).map((row) => row.integrity_check);
  return result.length === 1 && result[0] === 'ok' ? [] : result;
}

export function foreignKeyCheck(db: Reader): Promise<ForeignKeyProblem[]> {
  return db.all<ForeignKeyProblem>(`PRAGMA foreign_key_check`);
}

/** PostgreSQL: the database's blocks; space freed by deletes stays inside its tables until VACUUM FULL, so no free list is reported. */
export async function pageStats(db: Reader): Promise<PageStats> {
  if (db.engine === 'postgres') {
    const row = await db.get<{ pageSize: number; bytes: number }>(
      `SELECT current_setting('block_size')::integer AS "pageSize", pg_database_size(current_database()) AS bytes`,
    );
    return { pageSize: row!.pageSize, pageCount: Math.ceil(row!.bytes / row!.pageSize), freelistCount: 0 };
  }
  const pragma = async (name: string) => Object.values((await db.get<Record<string, number>>(`PRAGMA ${name}`))!)[0]!;
  return { pageSize: await pragma('page_size'), pageCount: await pragma('page_count'), freelistCount: await pragma('freelist_count') };
}

export interface StorageBytes {
  fileBytes: number;
  walBytes: number;
  shmBytes: number;
}

const bytesOf = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);

/**
 * The bytes the database takes on disk: SQLite's file, its WAL and shared-memory files; PostgreSQL's
 * pg_database_size (its WAL belongs to the whole server, not to one database: 0 here).
 */
export async function storageBytes(db: Reader): Promise<StorageBytes> {
  if (db.engine === 'postgres') {
    const row = await db.get<{ bytes: number }>(`SELECT pg_database_size(current_database()) AS bytes`);
    return { fileBytes: row!.bytes, walBytes: 0, shmBytes: 0 };
  }
  const file = db.location;
  return { fileBytes: bytesOf(file), walBytes: bytesOf(`${file}-wal`), shmBytes: bytesOf(`${file}-shm`) };
}

/** The highest applied migration (0 for a file without schema_migrations). */
export async function schemaVersion(db: Reader): Promise<number> {
  return (await tableExists(db, 'schema_migrations'))
    ? ((await db.get<{ v: number }>(`SELECT coalesce(max(version), 0) AS v FROM schema_migrations`))?.v ?? 0)
    : 0;
}
