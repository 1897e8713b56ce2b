import { openDatabase, type Sqlite } from '../../db/connection';
import { checkpointPassive, setAutoCheckpoint } from '../../db/queries/wal';

/**
 * Checkpoints move committed WAL frames into the database file and fsync it: with SQLite's default
 * (every 1000 pages, by the committing connection) that cost lands on whichever request commits
 * then, stalling the server's event loop. Under `npm start` the parent process checkpoints instead,
 * on its own connection every CHECKPOINT_INTERVAL_MS, and tells the server (through this variable) to
 * checkpoint only as a fallback at a much larger WAL. Durability is the same: a commit is in the WAL
 * either way.
 */
export const EXTERNAL_CHECKPOINTS_ENV = 'MCP_METRICS_EXTERNAL_CHECKPOINTS';
const CHECKPOINT_INTERVAL_MS = 250;
/** ~80 MB of WAL: only reached if the checkpointing parent is gone. */
const FALLBACK_AUTOCHECKPOINT_PAGES = 20_000;

const prepared = new WeakSet<Sqlite>();

/** Applies the checkpoint policy to the server's write connection (once per handle). */
export function prepareWriteConnection(db: Sqlite): Sqlite {
  if (!prepared.has(db)) {
    if (process.env[EXTERNAL_CHECKPOINTS_ENV] === '1') setAutoCheckpoint(db, FALLBACK_AUTOCHECKPOINT_PAGES);
    prepared.add(db);
  }
  return db;
}

/** Runs passive checkpoints of `file` from this process until the returned stop function is called. */
export function startWalCheckpointer(file: string): () => void {
  let db: Sqlite | undefined;
  const timer = setInterval(() => {
    try {
      db ??= openDatabase(file);
      checkpointPassive(db);
    } catch (error) {
      console.error('[checkpoint] failed (the server falls back to checkpointing itself):', error instanceof Error ? error.message : error);
    }
  }, CHECKPOINT_INTERVAL_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    db?.close();
  };
}
