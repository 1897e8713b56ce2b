import { writeTransaction, type Db } from '../../db/client';
import { countOlderThan, deleteExpiredRange, finishRunRow, freePageCount, incrementalVacuum, insertRunRow, nextExpiredRange } from '../../db/queries/retention';
import { checkpointPassive } from '../../db/queries/wal';
import { recordAudit } from '../audit/record';
import { currentOwner } from '../server/process';
import { dropExpiredPartitions } from './drop-expired-partitions';
import { Pacer } from './pacer';
import { settleInterruptedRuns } from './settle-interrupted-runs';
import { policiesInScope } from './policies';
import type { RetentionTable } from './tables';

export interface CleanupProgress {
  table: RetentionTable;
  deleted: number;
  /** Rows that were expired when the table's cleanup began. */
  expired: number;
  /** How long the last chunk's delete transaction held the write lock. */
  lockedMs: number;
}

export interface TableCleanup {
  table: RetentionTable;
  column: string;
  retentionDays: number;
  cutoff: string;
  /** "inactive" when the policy is switched off and the table was left alone. */
  skipped: 'inactive' | null;
  expiredRows: number;
  /** Rows deleted (always 0 on a dry run), those of dropped partitions included. */
  deletedRows: number;
  /** PostgreSQL: the month partitions dropped whole, every row in them expired. */
  droppedPartitions: string[];
}

export interface CleanupResult {
  runId: number;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string;
  tables: TableCleanup[];
  totalDeleted: number;
  /** Pages handed back to the file system by incremental vacuum afterwards. */
  freedPages: number;
}

export interface CleanupOptions {
  dryRun: boolean;
  table?: string;
  /** Who asked: an admin's email, `cliActor()`, or "scheduler". */
  actor: string;
  onProgress?: (progress: CleanupProgress) => void;
  now?: Date;
  /** Most rows per delete transaction; fewer whenever a chunk takes longer than the target (see Pacer). */
  chunkRows?: number;
  /**
   * Pause between chunks. A writer blocked by a chunk retries on SQLite's busy-handler schedule
   * (1, 2, 5, 10, 15, 20, 25 ms...); a pause longer than those steps lets it in before the next chunk.
   */
  pauseMs?: number;
}

export const DEFAULT_CHUNK_ROWS = 2000;
export const DEFAULT_PAUSE_MS = 25;
/** What a delete or vacuum transaction aims to take: a blocked writer retries after 1, 2, 5, 10, 15, 20, 25 ms... */
const TARGET_TRANSACTION_MS = 10;
const VACUUM_MAX_PAGES_PER_STEP = 1000;

const pause = (ms: number) => new Promise<void>((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));

/**
 * Deletes a table's expired rows, counting them into `entry` as it goes (a failure keeps the count):
 * whole expired month partitions first (PostgreSQL), then what is left chunk by chunk.
 */
async function deleteExpired(db: Db, entry: TableCleanup, options: CleanupOptions): Promise<void> {
  const { table, column, cutoff } = entry;
  await dropExpiredPartitions(db, entry, (dropped) => {
    entry.deletedRows += dropped.rows;
    entry.droppedPartitions.push(dropped.partition);
    options.onProgress?.({ table, deleted: entry.deletedRows, expired: entry.expiredRows, lockedMs: dropped.lockedMs });
  });
  const pacer = new Pacer(options.chunkRows ?? DEFAULT_CHUNK_ROWS, TARGET_TRANSACTION_MS);
  for (
    let range = await nextExpiredRange(db, table, column, cutoff, 0, pacer.size);
    range;
    range = await nextExpiredRange(db, table, column, cutoff, range.last, pacer.size)
  ) {
    const chunk = range;
    // Timed inside the transaction: how long the chunk holds the write lock that ingestion waits for.
    entry.deletedRows += await writeTransaction(db, (tx) => pacer.timed(() => deleteExpiredRange(tx, table, column, cutoff, chunk)));
    // The chunk's WAL frames go to the database file now, from this process, rather than in some
    // later ingest commit's automatic checkpoint.
    await checkpointPassive(db);
    options.onProgress?.({ table, deleted: entry.deletedRows, expired: entry.expiredRows, lockedMs: pacer.lastMs });
    await pause(options.pauseMs ?? DEFAULT_PAUSE_MS);
  }
}

/** Returns freed pages to the file system a step at a time, so no single transaction runs long. */
async function vacuumFreePages(db: Db, pauseMs: number): Promise<number> {
  const before = await freePageCount(db);
  const pacer = new Pacer(VACUUM_MAX_PAGES_PER_STEP, TARGET_TRANSACTION_MS);
  for (let left = before; left > 0;) {
    await writeTransaction(db, (tx) => pacer.timed((pages) => incrementalVacuum(tx, pages)));
    await checkpointPassive(db);
    const now = await freePageCount(db);
    if (now >= left) break; // auto_vacuum is off on this file: nothing more will move
    left = now;
    await pause(pauseMs);
  }
  return before - (await freePageCount(db));
}

/**
 * Deletes every row older than its table's policy, but those still needed (KEPT_PAST_CUTOFF), or on a dry
 * run counts them, so that ingestion keeps being served: on PostgreSQL whole expired month partitions are
 * dropped, the rest (and every table on SQLite) goes in short chunks. Rollup tables follow their own policies: deleting raw rows never
 * touches them. Every run is recorded in retention_runs; a real run also writes an audit row.
 */
export async function applyRetentionCleanup(db: Db, options: CleanupOptions): Promise<CleanupResult> {
  const now = options.now ?? new Date();
  const scope = await policiesInScope(db, options.table, now);
  const startedAt = new Date().toISOString();
  await settleInterruptedRuns(db);
  const runId = await writeTransaction(db, (tx) =>
    insertRunRow(tx, { startedAt, dryRun: options.dryRun, table: options.table ?? null, triggeredBy: options.actor, owner: currentOwner() }),
  );
  const tables: TableCleanup[] = [];
  const counts = () => Object.fromEntries(tables.filter((t) => !t.skipped).map((t) => [t.table, options.dryRun ? t.expiredRows : t.deletedRows]));
  const deletedSoFar = () => tables.reduce((sum, t) => sum + t.deletedRows, 0);
  const finish = async (status: 'succeeded' | 'failed', error: string | null) => {
    const finishedAt = new Date().toISOString();
    const totalDeleted = deletedSoFar();
    await writeTransaction(db, async (tx) => {
      await finishRunRow(tx, runId, { finishedAt, status, deletedCounts: counts(), totalDeleted, error });
      if (!options.dryRun) {
        await recordAudit(tx, {
          actor: options.actor,
          action: 'retention.cleanup',
          target: options.table ?? 'all tables',
          after: { runId, status, deleted: counts(), error },
        });
      }
    });
    return finishedAt;
  };

  try {
    for (const policy of scope) {
      const entry: TableCleanup = {
        table: policy.table,
        column: policy.column,
        retentionDays: policy.retentionDays,
        cutoff: policy.cutoff,
        skipped: null,
        expiredRows: 0,
        deletedRows: 0,
        droppedPartitions: [],
      };
      tables.push(entry);
      if (!policy.isActive) {
        entry.skipped = 'inactive';
        continue;
      }
      entry.expiredRows = await countOlderThan(db, policy.table, policy.column, policy.cutoff);
      // Even with nothing expired in sight: a partition a dead process left half detached holds rows no count sees.
      if (!options.dryRun) await deleteExpired(db, entry, options);
    }
    const freedPages = deletedSoFar() > 0 ? await vacuumFreePages(db, options.pauseMs ?? DEFAULT_PAUSE_MS) : 0;
    const finishedAt = await finish('succeeded', null);
    return { runId, dryRun: options.dryRun, startedAt, finishedAt, tables, totalDeleted: deletedSoFar(), freedPages };
  } catch (error) {
    await finish('failed', error instanceof Error ? error.message : String(error));
    throw error;
  }
}
