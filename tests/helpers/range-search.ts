import { expect } from 'vitest';
import { writeTransaction, type Db, type Reader } from '../../db/client';
import { testEngine } from './engine';

/**
 * A plan as the engine would make it for a big table: on PostgreSQL with sequential scans priced out, since a
 * test's few rows make one cheaper once autovacuum has analyzed them (the test then failed now and then). A
 * statement that cannot use an index is still planned as a scan, so the check below still catches it.
 */
export function planForBigTables<P>(db: Db, explain: (reader: Reader) => Promise<P>): Promise<P> {
  if (db.engine === 'sqlite') return explain(db);
  return writeTransaction(db, async (tx) => {
    await tx.exec('SET LOCAL enable_seqscan = off');
    return explain(tx);
  });
}

/**
 * Asserts that a query plan reads `table` by an index search bounded by a range of `column`, never by a
 * scan of the table and (with `ordered`) never sorting what it read: SQLite's SEARCH line, PostgreSQL's
 * Index Cond on every partition.
 */
export function expectRangeSearch(plan: string[], table: string, column: string, { ordered = false, message = '' } = {}): void {
  const text = plan.join('\n');
  if (testEngine() === 'sqlite') {
    expect(text, message).toMatch(new RegExp(`SEARCH ${table} USING (COVERING )?INDEX idx_\\w+ \\(.*${column}>\\? AND ${column}<\\?\\)`));
    expect(text, message).not.toMatch(new RegExp(`SCAN ${table}\\b`));
    if (ordered) expect(text, message).not.toMatch(/TEMP B-TREE/);
    return;
  }
  expect(text, message).not.toMatch(/Seq Scan/);
  expect(text, message).toMatch(new RegExp(`Index Cond: .*"?${column}"? >= `));
  // A Sort node of everything read; an Incremental Sort on the index's order only breaks ties of one timestamp.
  if (ordered) expect(text, message).not.toMatch(/^\s*(->\s*)?Sort {2}\(/m);
}
