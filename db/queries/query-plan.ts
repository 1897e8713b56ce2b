import type { Params, Reader } from '../client';

/** How the engine would run a statement, a line per step: SQLite's EXPLAIN QUERY PLAN details, PostgreSQL's EXPLAIN lines. */
export async function queryPlan(db: Reader, sql: string, params: Params): Promise<string[]> {
  if (db.engine === 'sqlite') return (await db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)).map((row) => row.detail);
  return (await db.all<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params)).map((row) => row['QUERY PLAN']);
}
