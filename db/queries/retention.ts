import type { Reader, Tx } from '../client';
import { datetimeText, flagParam, nowSql } from './dialect';
import { jsonText } from './json-text';
import { ident } from './identifier';

export interface PolicyRow {
  table_name: string;
  retention_days: number;
  is_active: number;
  created_at: string;
  updated_at: string;
}

export interface RunRow {
  id: number;
  started_at: string;
  finished_at: string | null;
  status: 'running' | 'succeeded' | 'failed';
  dry_run: number;
  table_name: string | null;
  triggered_by: string;
  deleted_counts: string | null;
  total_deleted: number;
  error: string | null;
}

const policyColumns = (db: Reader) =>
  `table_name, retention_days, is_active, ${datetimeText(db, 'created_at')} AS created_at, ${datetimeText(db, 'updated_at')} AS updated_at`;

export function listPolicyRows(db: Reader): Promise<PolicyRow[]> {
  return db.all<PolicyRow>(`SELECT ${policyColumns(db)} FROM retention_policies ORDER BY table_name`);
}

export function findPolicyRow(db: Reader, table: string): Promise<PolicyRow | undefined> {
  return db.get<PolicyRow>(`SELECT ${policyColumns(db)} FROM retention_policies WHERE table_name = ?`, [table]);
}

/** Creates or updates a table's policy; `isActive` null keeps the current flag (active for a new policy). */
export async function upsertPolicyRow(tx: Tx, table: string, days: number, isActive: boolean | null): Promise<void> {
  const flag = flagParam(tx, isActive);
  const given = tx.engine === 'sqlite' ? '?' : '?::boolean';
  await tx.run(
    `INSERT INTO retention_policies (table_name, retention_days, is_active) VALUES (?, ?, COALESCE(${given}, ${flagParam(tx, true)}))
     ON CONFLICT(table_name) DO UPDATE SET retention_days = excluded.retention_days,
       is_active = COALESCE(${given}, retention_policies.is_active), updated_at = ${nowSql(tx)}`,
    [table, days, flag, flag],
  );
}

/**
 * Rows a table keeps past its cutoff (lib/retention/tables.ts KEPT_PAST_CUTOFF names them): an alert event
 * whose notification is still owed (a later delivery turn sends it), and the latest event of each rule that
 * is firing now (its history must still say when it fired). A table listed here is not partitioned: dropping
 * a whole month partition would not ask.
 */
const STILL_NEEDED: Partial<Record<string, string>> = {
  alert_events: `delivery_status = 'pending'
    OR id IN (SELECT MAX(e.id) FROM alert_rules r JOIN alert_events e ON e.rule_id = r.id WHERE r.state = 'firing' GROUP BY r.id)`,
};

/** The condition of a table's expired rows; its one parameter is the cutoff. */
function expired(table: string, column: string): string {
  const needed = STILL_NEEDED[table];
  return `${ident(column)} < ?${needed ? ` AND NOT (${needed})` : ''}`;
}

export async function countOlderThan(db: Reader, table: string, column: string, cutoff: string): Promise<number> {
  return (await db.get<{ n: number }>(`SELECT count(*) AS n FROM ${ident(table)} WHERE ${expired(table, column)}`, [cutoff]))!.n;
}

/**
 * The id range of the next `limit` expired rows after `afterId`, found by a read (which in WAL mode
 * blocks no writer), so that the write transaction deleting them only walks that range.
 */
export async function nextExpiredRange(
  db: Reader,
  table: string,
  column: string,
  cutoff: string,
  afterId: number,
  limit: number,
): Promise<{ first: number; last: number } | null> {
  const row = await db.get<{ first: number | null; last: number | null }>(
    `SELECT min(id) AS first, max(id) AS last FROM (SELECT id FROM ${ident(table)} WHERE id > ? AND ${expired(table, column)} ORDER BY id LIMIT ?) AS chunk`,
    [afterId, cutoff, limit],
  );
  return !row || row.first === null || row.last === null ? null : { first: row.first, last: row.last };
}

/** Deletes the expired rows of an id range; returns how many went. */
export function deleteExpiredRange(tx: Tx, table: string, column: string, cutoff: string, range: { first: number; last: number }): Promise<number> {
  return tx.run(`DELETE FROM ${ident(table)} WHERE id BETWEEN ? AND ? AND ${expired(table, column)}`, [range.first, range.last, cutoff]);
}

/** SQLite's pages freed by deletes and not yet returned to the file system (PostgreSQL's autovacuum reuses space itself: 0). */
export async function freePageCount(db: Reader): Promise<number> {
  if (db.engine !== 'sqlite') return 0;
  return (await db.get<{ freelist_count: number }>(`PRAGMA freelist_count`))!.freelist_count;
}

/** Returns up to `pages` free pages to the file system (a no-op unless auto_vacuum is INCREMENTAL). */
export async function incrementalVacuum(tx: Tx, pages: number): Promise<void> {
  if (tx.engine === 'sqlite') await tx.run(`PRAGMA incremental_vacuum(${Math.max(1, Math.trunc(pages))})`);
}

export async function insertRunRow(
  tx: Tx,
  run: { startedAt: string; dryRun: boolean; table: string | null; triggeredBy: string; owner: string },
): Promise<number> {
  const row = await tx.get<{ id: number }>(
    `INSERT INTO retention_runs (started_at, status, dry_run, table_name, triggered_by, owner) VALUES (?, 'running', ?, ?, ?, ?) RETURNING id`,
    [run.startedAt, flagParam(tx, run.dryRun), run.table, run.triggeredBy, run.owner],
  );
  return row!.id;
}

export function listUnfinishedRunRows(db: Reader): Promise<{ id: number; owner: string | null }[]> {
  return db.all<{ id: number; owner: string | null }>(`SELECT id, owner FROM retention_runs WHERE status = 'running'`);
}

/** Closes a run that never finished (its process died), keeping whatever counts it had recorded. */
export async function markRunInterrupted(tx: Tx, id: number, finishedAt: string, error: string): Promise<void> {
  await tx.run(`UPDATE retention_runs SET status = 'failed', finished_at = ?, error = ? WHERE id = ? AND status = 'running'`, [finishedAt, error, id]);
}

export async function finishRunRow(
  tx: Tx,
  id: number,
  outcome: { finishedAt: string; status: 'succeeded' | 'failed'; deletedCounts: Record<string, number>; totalDeleted: number; error: string | null },
): Promise<void> {
  await tx.run(`UPDATE retention_runs SET finished_at = ?, status = ?, deleted_counts = ?, total_deleted = ?, error = ? WHERE id = ?`, [
    outcome.finishedAt,
    outcome.status,
    jsonText(outcome.deletedCounts),
    outcome.totalDeleted,
    outcome.error,
    id,
  ]);
}

/** Newest first. */
export function listRunRows(db: Reader, limit: number): Promise<RunRow[]> {
  return db.all<RunRow>(
    `SELECT id, started_at, finished_at, status, dry_run, table_name, triggered_by, deleted_counts, total_deleted, error
     FROM retention_runs ORDER BY id DESC LIMIT ?`,
    [limit],
  );
}
