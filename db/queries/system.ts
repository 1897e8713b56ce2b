import type { Sqlite } from '../connection';

export interface TableRowCount {
  table: string;
  rows: number;
}

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Exact row counts of every table of ours (SQLite's own tables excluded), by name. */
export function countRowsPerTable(db: Sqlite): TableRowCount[] {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  return tables.map((table) => ({ table, rows: (db.prepare(`SELECT COUNT(*) FROM ${quoteIdentifier(table)}`).pluck().get() as number) ?? 0 }));
}

/** Bytes the main database file occupies, and how many of them are free pages awaiting vacuum. */
export function databasePages(db: Sqlite): { bytes: number; freeBytes: number } {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  return { bytes: pages * pageSize, freeBytes: free * pageSize };
}
