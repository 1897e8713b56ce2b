import { writeTransaction, type Db } from '../../db/client';
import { countRows } from '../../db/queries/database';
import { detachedExpiredTables, detachPartition, dropDetachedPartition, markPartitionExpired, partitionsEndingBy } from '../../db/queries/partitions';

export interface DroppedPartition {
  partition: string;
  rows: number;
  /** How long the drop's transaction took (the detach before it blocks no one). */
  lockedMs: number;
}

/**
 * PostgreSQL: removes the month partitions of `table` that end at or before the cutoff, where every
 * row is expired, as a whole: marked, detached concurrently (ingestion into the other months goes on
 * unblocked), counted, dropped. Deleting a month row by row would write every row's index entries and
 * WAL and leave dead rows to vacuum. A drop a dead process left undone is finished first. Nothing on SQLite.
 */
export async function dropExpiredPartitions(
  db: Db,
  scope: { table: string; column: string; cutoff: string },
  onDropped: (dropped: DroppedPartition) => void,
): Promise<void> {
  for (const leftover of await detachedExpiredTables(db)) await writeTransaction(db, (tx) => dropDetachedPartition(tx, leftover));
  for (const partition of await partitionsEndingBy(db, scope.table, scope.column, scope.cutoff)) {
    if (!partition.detachPending) await writeTransaction(db, (tx) => markPartitionExpired(tx, partition.name));
    await detachPartition(db, scope.table, partition);
    const rows = await countRows(db, partition.name);
    const started = performance.now();
    await writeTransaction(db, (tx) => dropDetachedPartition(tx, partition.name));
    onDropped({ partition: partition.name, rows, lockedMs: performance.now() - started });
  }
}
