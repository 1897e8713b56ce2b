import type { Tx } from '../client';
import type { Sqlite } from '../sqlite-file';
import { ident } from './identifier';

/** Queries that read a possibly damaged file piece by piece and write what they get into a fresh one. */

export interface SchemaObject {
  type: 'table' | 'index' | 'trigger' | 'view';
  name: string;
  sql: string | null;
}

export type Row = Record<string, unknown>;
const ROWID = '__recover_rowid';

export function readSchema(db: Sqlite): SchemaObject[] {
  return db.prepare(`SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY rowid`).all() as SchemaObject[];
}

export function readSequences(db: Sqlite): { name: string; seq: number }[] {
  const has = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'`).get();
  return has ? (db.prepare(`SELECT name, seq FROM sqlite_sequence`).all() as { name: string; seq: number }[]) : [];
}

/** Rows after `afterRowid` in rowid order, each with its rowid; iterating may throw where a page is damaged. */
export function* rowsAfter(db: Sqlite, table: string, afterRowid: number): Generator<{ rowid: number; row: Row }> {
  for (const raw of db.prepare(`SELECT rowid AS ${ROWID}, * FROM ${ident(table)} WHERE rowid > ? ORDER BY rowid`).iterate(afterRowid) as Iterable<Row>) {
    const { [ROWID]: rowid, ...row } = raw;
    yield { rowid: rowid as number, row };
  }
}

/** The first rowid at or after `from`, touching only the b-tree (not the row's content); throws on a damaged page. */
export function firstRowidFrom(db: Sqlite, table: string, from: number): number | null {
  return (
    (db
      .prepare(`SELECT rowid FROM ${ident(table)} WHERE rowid >= ? ORDER BY rowid LIMIT 1`)
      .pluck()
      .get(from) as number | undefined) ?? null
  );
}

export function rowAt(db: Sqlite, table: string, rowid: number): Row | undefined {
  return db.prepare(`SELECT * FROM ${ident(table)} WHERE rowid = ?`).get(rowid) as Row | undefined;
}

export function maxRowid(db: Sqlite, table: string): number | null {
  return db
    .prepare(`SELECT max(rowid) FROM ${ident(table)}`)
    .pluck()
    .get() as number | null;
}

/** Raises an AUTOINCREMENT counter to at least `seq`, so recovered tables never reuse a deleted id. */
export async function raiseSequence(tx: Tx, name: string, seq: number): Promise<void> {
  const changed = await tx.run(`UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?`, [seq, name]);
  if (!changed) await tx.run(`INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)`, [name, seq]);
}
