import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../connection';

const cache = new WeakMap<Sqlite, Map<string, Statement>>();

/** A prepared statement, compiled once per connection: the hot paths run the same few statements. */
export function statement<P extends unknown[] | {} = unknown[], R = unknown>(db: Sqlite, sql: string): Statement<P, R> {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  let prepared = statements.get(sql);
  if (!prepared) statements.set(sql, (prepared = db.prepare(sql)));
  return prepared as unknown as Statement<P, R>;
}
