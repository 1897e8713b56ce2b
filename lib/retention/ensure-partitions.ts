import { writeTransaction, type Db } from '../../db/client';
import { ensureMonthPartitions, partitionedTables, rangePartitions } from '../../db/queries/partitions';
import { RETENTION_TABLES, isRetentionTable } from './tables';

/** Months of partitions kept ready ahead of now: a year, so that a scheduler stopped for months loses nothing. */
export const MONTHS_AHEAD = 12;

/**
 * How long creating a partition may wait for its parent's lock: every insert queues behind the
 * request meanwhile, and 50 ms keeps that within bench:retention's 100 ms target. A table busy for
 * longer is tried again on the next run, months before its partitions run out.
 */
const LOCK_TIMEOUT_MS = 50;

export interface EnsuredPartitions {
  created: string[];
  /** Tables whose lock was not granted in time: nothing was created for them this time. */
  busy: string[];
}

const LOCK_NOT_AVAILABLE = '55P03';

/**
 * PostgreSQL: makes sure every month-partitioned table has its partitions from this month to
 * MONTHS_AHEAD months on, so that inserts always find theirs (the scheduler runs this daily). Nothing on SQLite.
 */
export async function ensurePartitionsAhead(db: Db, monthsAhead = MONTHS_AHEAD): Promise<EnsuredPartitions> {
  const result: EnsuredPartitions = { created: [], busy: [] };
  for (const table of await partitionedTables(db)) {
    if (!isRetentionTable(table)) continue;
    const column = RETENTION_TABLES[table].column;
    const before = new Set((await rangePartitions(db, table, column)).map((p) => p.name));
    try {
      await writeTransaction(db, (tx) => ensureMonthPartitions(tx, table, monthsAhead, LOCK_TIMEOUT_MS));
    } catch (error) {
      if ((error as { code?: string }).code !== LOCK_NOT_AVAILABLE) throw error;
      result.busy.push(table);
      continue;
    }
    for (const p of await rangePartitions(db, table, column)) if (!before.has(p.name)) result.created.push(p.name);
  }
  return result;
}
