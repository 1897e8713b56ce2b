import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Reader, ThreadTask } from '../db/client';
import { SqliteDb } from '../db/sqlite-client';
import { tempDir } from './helpers/tempdb';
import { readNotes, writeNote } from './helpers/thread-tasks';

// The SQLite engine's writer and reader threads (db/sqlite-client.ts), on a file of their own.
const tasks = fileURLToPath(new URL('./helpers/thread-tasks.ts', import.meta.url));
const task = <R>(name: string, run: (db: Db, input: string) => Promise<R>): ThreadTask<string, R> => ({ module: tasks, name, encode: (s) => s, run });
const write = task('writeNote', writeNote);
const fail = task('failInTransaction', async () => undefined);
const crash = task('endThread', async () => undefined);
const read: ThreadTask<string, { notes: string[]; threadId: number }, Reader> = {
  module: tasks,
  name: 'readNotes',
  encode: JSON.stringify,
  run: (db, like) => readNotes(db, JSON.stringify(like)),
};

// A statement that keeps SQLite busy for a few hundred milliseconds.
const SLOW = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000) SELECT count(*) AS n FROM c';

describe('SQLite worker threads', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: SqliteDb;

  beforeAll(() => {
    dir = tempDir();
    db = SqliteDb.open(path.join(dir.dir, 'threads.db'), { withThreads: true });
  });
  afterAll(async () => {
    await db.close();
    dir.cleanup();
  });

  it('runs a task in the writer thread, on its own connection, committed before the answer', async () => {
    const ranOn = await db.runTask(write, 'first');
    expect(ranOn).not.toBe(threadId);
    expect(await db.all('SELECT note FROM thread_notes')).toEqual([{ note: 'first' }]);
    // Tasks take their turn with the transactions of this thread's write connection.
    const [, , again] = await Promise.all([
      db.transaction(async (tx) => void (await tx.run('INSERT INTO thread_notes (note) VALUES (?)', ['main']))),
      db.runTask(write, 'second'),
      db.runTask(write, 'third'),
    ]);
    expect(again).toBe(ranOn);
    expect((await db.all<{ note: string }>('SELECT note FROM thread_notes ORDER BY rowid')).map((r) => r.note)).toEqual(['first', 'main', 'second', 'third']);
  });

  it("rejects with the thread's error (its SQLite code kept) and rolls the task's transaction back", async () => {
    await expect(db.runTask(fail, '')).rejects.toMatchObject({ message: 'no such table: no_such_table', code: 'SQLITE_ERROR' });
    expect(await db.get('SELECT count(*) AS n FROM thread_notes WHERE note = ?', ['never committed'])).toEqual({ n: 0 });
    expect(await db.runTask(write, 'after the error')).not.toBe(threadId);
  });

  it('starts a new writer thread after one has died', async () => {
    await expect(db.runTask(crash, '')).rejects.toThrow(/exited with code 3/);
    await db.runTask(write, 'after the crash');
    expect(await db.get('SELECT count(*) AS n FROM thread_notes WHERE note = ?', ['after the crash'])).toEqual({ n: 1 });
  });

  it('reads through reader threads, which see what was committed, and runs read-only tasks there', async () => {
    expect(await db.longReads.get('SELECT count(*) AS n FROM thread_notes')).toEqual({ n: 6 });
    expect(await db.longReads.all('SELECT note FROM thread_notes WHERE note LIKE ? ORDER BY rowid', ['%t'])).toEqual([{ note: 'first' }]);
    const read1 = await db.longReads.runTask(read, 'after%');
    expect(read1.notes).toEqual(['after the error', 'after the crash']);
    expect(read1.threadId).not.toBe(threadId);
    await expect(db.longReads.get('SELECT nope FROM thread_notes')).rejects.toMatchObject({ code: 'SQLITE_ERROR' });
  });

  it('keeps the event loop free while a long read runs, and answers other reads meanwhile', async () => {
    let turns = 0;
    const ticking = setInterval(() => turns++, 1);
    const slow = db.longReads.get<{ n: number }>(SLOW).then((row) => ({ row, turnsBefore: turns }));
    // The second reader thread answers while the first is busy with the slow read.
    const quick = await db.longReads.get<{ n: number }>('SELECT count(*) AS n FROM thread_notes');
    const { row, turnsBefore } = await slow;
    clearInterval(ticking);
    expect(quick).toEqual({ n: 6 });
    expect(row).toEqual({ n: 2_000_000 });
    // On this thread the statement would have run to its end before any timer could fire.
    expect(turnsBefore).toBeGreaterThan(0);
  });

  it('runs tasks and reads on this thread when opened without threads', async () => {
    const plain = SqliteDb.open(path.join(dir.dir, 'threads.db'));
    try {
      expect(plain.longReads).toBe(plain);
      expect(await plain.runTask(write, 'in process')).toBe(threadId);
      expect((await plain.longReads.runTask(read, 'in %')).threadId).toBe(threadId);
    } finally {
      await plain.close();
    }
  });
});
