import { Worker } from 'node:worker_threads';
import type { Db } from '../../db/client';
import { countRowsSql, tableRowCounts, userTables } from '../../db/queries/database';

/** Row counts are at most this old when scraped (a fresh count starts when they are older). */
export const ROW_COUNT_MAX_AGE_MS = 60_000;

// SQLite counts by reading the whole table, about 25 ms per million rows (measured on 2 M): on the
// server's event loop a 10 M-row database would stall every request for a quarter of a second, so
// the counting runs in a worker thread on its own read-only connection.
const COUNTING_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');
const db = new Database(workerData.file, { readonly: true, fileMustExist: true, timeout: workerData.timeoutMs });
try {
  const counts = {};
  for (const [table, sql] of workerData.statements) counts[table] = db.prepare(sql).get().n;
  parentPort.postMessage(counts);
} finally {
  db.close();
}
`;

async function countOffThread(db: Db): Promise<Record<string, number>> {
  const statements = (await userTables(db)).map((table) => [table, countRowsSql(table)]);
  return new Promise((resolve, reject) => {
    const worker = new Worker(COUNTING_WORKER, { eval: true, workerData: { file: db.location, statements, timeoutMs: 5_000 } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the row-counting worker exited with code ${code}`)));
  });
}

/** Rows per table, recounted in the background when a scrape finds the last count older than ROW_COUNT_MAX_AGE_MS. */
export class RowCounts {
  private counts: Record<string, number> = {};
  private countedAt = 0;
  private counting?: Promise<void>;

  async current(db: Db): Promise<Record<string, number>> {
    if (!this.counting && Date.now() - this.countedAt > ROW_COUNT_MAX_AGE_MS) {
      // PostgreSQL counts on its server, without blocking this process.
      this.counting = (db.engine === 'sqlite' ? countOffThread(db) : tableRowCounts(db))
        .then((counts) => {
          this.counts = counts;
          this.countedAt = Date.now();
        })
        .finally(() => (this.counting = undefined));
    }
    // The first scrape waits for the first count; later ones report the last one meanwhile.
    if (!this.countedAt) await this.counting;
    return this.counts;
  }
}
