import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { writeTransaction, type Db } from '../../db/client';
import { ensurePartitionOfMonth } from '../../db/queries/partitions';
import type { Sqlite } from '../../db/sqlite-file';

const SEED_INSERT = `INSERT INTO metrics (request_id, service, metric_type, timestamp, value, metadata, created_at) VALUES (?, 'svc', 'latency', ?, ?, ?, ?)`;
const seedRow = (i: number, createdAt: string) => [`req-${i}`, '2026-01-01T00:00:00.000Z', i, JSON.stringify({ pad: 'x'.repeat(120) }), createdAt];

/** Inserts `n` metrics rows through a plain connection (`sqlite` of migratedDatabase()) (with some payload, so the file spans many pages) in one transaction. */
export function seedMetrics(db: Sqlite, n: number, createdAt = '2026-01-01 00:00:00'): void {
  const insert = db.prepare(SEED_INSERT);
  db.transaction(() => {
    for (let i = 0; i < n; i++) insert.run(...seedRow(i, createdAt));
  })();
}

/**
 * The same rows through `db`, on either engine. On PostgreSQL a `createdAt` before this month needs
 * the month's partition, which the scheduler would have created back then: it is created here.
 */
export async function seedMetricsThrough(db: Db, n: number, createdAt: string): Promise<void> {
  await writeTransaction(db, async (tx) => {
    if (tx.engine === 'postgres') await ensurePartitionOfMonth(tx, 'metrics', createdAt);
    for (let i = 0; i < n; i++) await tx.run(SEED_INSERT, seedRow(i, createdAt));
  });
}

/** Overwrites one leaf page of `table` with garbage, as a failing disk would; returns the page number. */
export function corruptLeafPage(file: string, table: string, which = 2): number {
  const probe = new Database(file, { readonly: true });
  const pageSize = probe.pragma('page_size', { simple: true }) as number;
  const leaves = probe.prepare(`SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno`).pluck().all(table) as number[];
  probe.close();
  const page = leaves[which]!;
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize);
  fs.closeSync(fd);
  return page;
}

/**
 * A separate process inserting metrics rows into `file` as fast as it can, as the server would while
 * ingesting; resolves once it has committed its first rows.
 */
export async function startWriter(file: string): Promise<ChildProcess> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1], { timeout: 30000 });
    db.pragma('journal_mode = WAL');
    const insert = db.prepare("INSERT INTO metrics (request_id, service, metric_type, timestamp, value) VALUES ('live', 'svc', 'latency', '2026-01-01T00:00:00.000Z', 1)");
    let first = true;
    const tick = () => { for (let i = 0; i < 20; i++) insert.run(); if (first) { first = false; process.stdout.write('ready\\n'); } setImmediate(tick); };
    tick();`;
  const child = spawn(process.execPath, ['-e', script, file], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
  });
  return child;
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
