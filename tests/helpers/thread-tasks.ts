// Tasks for tests/sqlite-threads.test.ts, loaded by path in the SQLite engine's threads.
import { threadId } from 'node:worker_threads';
import { writeTransaction, type Db, type Reader } from '../../db/client';

/** Writes `wire` into a table of its own and says which thread it ran on. */
export async function writeNote(db: Db, wire: string): Promise<number> {
  await writeTransaction(db, async (tx) => {
    await tx.exec('CREATE TABLE IF NOT EXISTS thread_notes (note TEXT NOT NULL)');
    await tx.run('INSERT INTO thread_notes (note) VALUES (?)', [wire]);
  });
  return threadId;
}

/** A statement SQLite refuses, inside a transaction that rolls back. */
export async function failInTransaction(db: Db): Promise<void> {
  await writeTransaction(db, async (tx) => {
    await tx.run('INSERT INTO thread_notes (note) VALUES (?)', ['never committed']);
    await tx.run('INSERT INTO no_such_table VALUES (1)');
  });
}

/** Ends the thread it runs in, as a crash would. */
export async function endThread(): Promise<void> {
  process.exit(3);
}

/** A read-only task: the notes, and which thread read them. */
export async function readNotes(db: Reader, wire: string): Promise<{ notes: string[]; threadId: number }> {
  const rows = await db.all<{ note: string }>(`SELECT note FROM thread_notes WHERE note LIKE ? ORDER BY rowid`, [JSON.parse(wire) as string]);
  return { notes: rows.map((r) => r.note), threadId };
}

/** Which thread it runs in, and the packages loaded there (what each thread costs to start: tests/reader-threads.test.ts). */
export async function loadedPackages(): Promise<{ threadId: number; packages: string[] }> {
  const names = Object.keys(require.cache).flatMap((file) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? []);
  return { threadId, packages: [...new Set(names)].sort() };
}
