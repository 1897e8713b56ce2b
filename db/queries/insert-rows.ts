import type { Tx } from '../client';
import { ident } from './identifier';

/** Rows per multi-row INSERT: one statement call per 32 rows instead of 32 calls (~20% less CPU). */
const ROWS_PER_STATEMENT = 32;
const insertSql = new Map<string, string>();

/** The INSERT of `count` rows into `table`, built once per shape. */
export function insertStatement(table: string, columns: readonly string[], count: number): string {
  const id = `${table}(${columns.join(',')})*${count}`;
  let text = insertSql.get(id);
  if (!text) {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    text = `INSERT INTO ${ident(table)} (${columns.map(ident).join(', ')}) VALUES ${Array(count).fill(tuple).join(', ')}`;
    insertSql.set(id, text);
  }
  return text;
}

/** Inserts rows (values in `columns` order) in the given order, so ids follow it. */
export async function insertRows(tx: Tx, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
  let i = 0;
  for (; i + ROWS_PER_STATEMENT <= rows.length; i += ROWS_PER_STATEMENT) {
    const values: unknown[] = [];
    for (let r = i; r < i + ROWS_PER_STATEMENT; r++) for (const value of rows[r]!) values.push(value);
    await tx.run(insertStatement(table, columns, ROWS_PER_STATEMENT), values);
  }
  for (; i < rows.length; i++) await tx.run(insertStatement(table, columns, 1), rows[i]!);
}
