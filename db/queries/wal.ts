import type { Db } from '../client';
import { SqliteDb } from '../sqlite-client';
import type { Sqlite } from '../sqlite-file';

/**
 * Set by `npm start` for its Next server: the parent process checkpoints the WAL on its own connection
 * (lib/ingest/wal-checkpointer.ts), so the server's write connection checkpoints only as a fallback.
 */
export const EXTERNAL_CHECKPOINTS_ENV = 'MCP_METRICS_EXTERNAL_CHECKPOINTS';

/** Copies committed WAL frames into the database file without waiting for (or blocking) anyone. */
export function checkpointConnection(connection: Sqlite): { busy: number; log: number; checkpointed: number } {
  return (connection.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[])[0]!;
}

/** A passive checkpoint through the database's write connection, between its transactions. */
export async function checkpointPassive(db: Db): Promise<void> {
  if (db instanceof SqliteDb) await db.betweenTransactions(checkpointConnection);
}
