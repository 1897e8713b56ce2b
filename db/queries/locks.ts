import type { Tx } from '../client';

/**
 * Makes the rest of the transaction exclusive among everyone taking the same named lock: on
 * PostgreSQL an advisory lock held until commit (several instances share the database); on SQLite
 * BEGIN IMMEDIATE already lets one writer in at a time.
 */
export async function lockForTransaction(tx: Tx, name: string): Promise<void> {
  if (tx.engine === 'postgres') await tx.get(`SELECT pg_advisory_xact_lock(hashtext(?))`, [`mcp-metrics.${name}`]);
}
