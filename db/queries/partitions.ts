import type { Db, Reader, Tx } from '../client';
import { ident } from './identifier';

// PostgreSQL's month partitions of the raw and type tables (migrations/postgres/0001): listed, created
// ahead, and dropped by retention once every row in them is expired. SQLite has none: every listing is empty.

export interface RangePartition {
  name: string;
  /** Its bounds (ISO-8601), null for MINVALUE / MAXVALUE. */
  from: string | null;
  to: string | null;
  /** A DETACH ... CONCURRENTLY that did not finish (its process died): FINALIZE completes it. */
  detachPending: boolean;
}

/** What marks a partition retention has expired: if the drop after its detach never ran, the next cleanup finds it by this. */
const EXPIRED_MARK = 'mcp-metrics retention: expired partition, detached to be dropped';

const partitionsSql = (endingBy: boolean) =>
  `SELECT c.relname AS name, bounds.lower AS "from", bounds.upper AS "to", i.inhdetachpending AS "detachPending"
   FROM pg_class p
   JOIN pg_inherits i ON i.inhparent = p.oid
   JOIN pg_class c ON c.oid = i.inhrelid
   CROSS JOIN LATERAL (
     SELECT (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\(''([^'']*)''\\)'))[1]::timestamptz AS lower,
            (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \\(''([^'']*)''\\)'))[1]::timestamptz AS upper
   ) AS bounds
   WHERE p.relname = ? AND p.relnamespace = current_schema()::regnamespace AND p.relkind = 'p'
     AND pg_get_partkeydef(p.oid) = 'RANGE (' || quote_ident(?) || ')'
     ${endingBy ? 'AND bounds.upper <= ?::timestamptz' : ''}
   ORDER BY bounds.upper NULLS LAST, c.relname`;

/** The partitions of `table` when it is partitioned by ranges of `column`, oldest first (none otherwise). */
export async function rangePartitions(db: Reader, table: string, column: string): Promise<RangePartition[]> {
  if (db.engine !== 'postgres') return [];
  return db.all<RangePartition>(partitionsSql(false), [table, column]);
}

/** The partitions of `table` (by ranges of `column`) that end at or before `cutoff`: every row in them is older than it. */
export async function partitionsEndingBy(db: Reader, table: string, column: string, cutoff: string): Promise<RangePartition[]> {
  if (db.engine !== 'postgres') return [];
  return db.all<RangePartition>(partitionsSql(true), [table, column, cutoff]);
}

/** The partitioned tables of the schema. */
export async function partitionedTables(db: Reader): Promise<string[]> {
  if (db.engine !== 'postgres') return [];
  const rows = await db.all<{ name: string }>(
    `SELECT relname AS name FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind = 'p' AND NOT relispartition ORDER BY relname`,
  );
  return rows.map((row) => row.name);
}

/**
 * Creates the month partitions of `table` from this month to `monthsAhead` months on that are missing
 * (mcp_ensure_month_partitions, migration 0001). A new partition locks its parent (ACCESS EXCLUSIVE),
 * and every insert queues behind the lock request: `lockTimeoutMs` bounds that wait, failing instead
 * (SQLSTATE 55P03) when the lock is not granted in time.
 */
export async function ensureMonthPartitions(tx: Tx, table: string, monthsAhead: number, lockTimeoutMs: number): Promise<void> {
  await tx.exec(`SET LOCAL lock_timeout = ${Math.max(1, Math.trunc(lockTimeoutMs))}`);
  await tx.get(`SELECT mcp_ensure_month_partitions(?, ?::integer)`, [table, monthsAhead]);
}

/**
 * The month partition of `table` that holds `createdAt` (`YYYY-MM-...`), made if missing and named as
 * mcp_ensure_month_partitions names its own: for rows dated in a past month, which the scheduler would
 * have prepared back then (the seeding of tests and benches).
 */
export async function ensurePartitionOfMonth(tx: Tx, table: string, createdAt: string): Promise<void> {
  const month = `${createdAt.slice(0, 7)}-01`;
  if (!/^\d{4}-\d{2}-01$/.test(month)) throw new Error(`not a date: "${createdAt}"`);
  await tx.exec(
    `CREATE TABLE IF NOT EXISTS ${ident(`${table}_${month.slice(0, 7).replace('-', '_')}`)} PARTITION OF ${ident(table)}
     FOR VALUES FROM ('${month} 00:00:00+00') TO ((date '${month}' + interval '1 month')::timestamp AT TIME ZONE 'UTC')`,
  );
}

/** Marks a partition as expired before it is detached, so that a drop interrupted after the detach is finished later. */
export async function markPartitionExpired(tx: Tx, partition: string): Promise<void> {
  await tx.exec(`COMMENT ON TABLE ${ident(partition)} IS '${EXPIRED_MARK}'`);
}

/**
 * Detaches a partition without blocking the parent's readers and writers (DETACH ... CONCURRENTLY
 * takes SHARE UPDATE EXCLUSIVE and waits for the transactions that may still see the partition; a
 * plain DETACH would take ACCESS EXCLUSIVE on the parent). It cannot run inside a transaction, so it
 * runs on its own, outside `writeTransaction`; a detach left pending by a dead process is finalized.
 */
export async function detachPartition(db: Db, table: string, partition: RangePartition): Promise<void> {
  await db.all(`ALTER TABLE ${ident(table)} DETACH PARTITION ${ident(partition.name)} ${partition.detachPending ? 'FINALIZE' : 'CONCURRENTLY'}`);
}

/** Tables detached as expired whose drop never ran (the process died in between). */
export async function detachedExpiredTables(db: Reader): Promise<string[]> {
  if (db.engine !== 'postgres') return [];
  const rows = await db.all<{ name: string }>(
    `SELECT relname AS name FROM pg_class
     WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r' AND NOT relispartition AND obj_description(oid, 'pg_class') = ?`,
    [EXPIRED_MARK],
  );
  return rows.map((row) => row.name);
}

/** Drops a detached partition: nobody reads or writes it any more, so its lock waits for no one. */
export async function dropDetachedPartition(tx: Tx, partition: string): Promise<void> {
  await tx.exec(`DROP TABLE ${ident(partition)}`);
}
