import type { Sqlite } from '../connection';

/** WAL pages after which a committing connection checkpoints by itself (SQLite's default is 1000). */
export function setAutoCheckpoint(db: Sqlite, pages: number): void {
  db.pragma(`wal_autocheckpoint = ${Math.trunc(pages)}`);
}

/** Copies committed WAL frames into the database file without waiting for (or blocking) anyone. */
export function checkpointPassive(db: Sqlite): { busy: number; log: number; checkpointed: number } {
  return (db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[])[0]!;
}
