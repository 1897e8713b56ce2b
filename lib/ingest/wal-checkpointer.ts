import { openDatabase, type Sqlite } from '../../db/sqlite-file';
import { busyTimeoutMs } from '../../db/target';
import { checkpointConnection } from '../../db/queries/wal';

/**
 * Checkpoints move committed WAL frames into the database file and fsync it: with SQLite's default
 * (every 1000 pages, by the committing connection) that cost lands on whichever request commits
 * then, stalling the server's event loop. Under `npm start` the parent process checkpoints instead,
 * on its own connection every CHECKPOINT_INTERVAL_MS, and tells the server (EXTERNAL_CHECKPOINTS_ENV)
 * to checkpoint only as a fallback at a much larger WAL (db/connection.ts). Durability is the same: a
 * commit is in the WAL either way.
 */
const CHECKPOINT_INTERVAL_MS = 250;

/** Runs passive checkpoints of `file` from this process until the returned stop function is called. */
export function startWalCheckpointer(file: string): () => void {
  let connection: Sqlite | undefined;
  const timer = setInterval(() => {
    try {
      connection ??= openDatabase(file, { busyTimeoutMs: busyTimeoutMs() });
      checkpointConnection(connection);
    } catch (error) {
      console.error('[checkpoint] failed (the server falls back to checkpointing itself):', error instanceof Error ? error.message : error);
    }
  }, CHECKPOINT_INTERVAL_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    connection?.close();
  };
}
