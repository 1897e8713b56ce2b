import type { Sqlite } from '../connection';
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

const POLICY_COLUMNS = 'table_name, retention_days, is_active, created_at, updated_at';

export function listPolicyRows(db: Sqlite): PolicyRow[] {
  return db.prepare(`SELECT ${POLICY_COLUMNS} FROM retention_policies ORDER BY table_name`).all() as PolicyRow[];
}

export function findPolicyRow(db: Sqlite, table: string): PolicyRow | undefined {
  return db.prepare(`SELECT ${POLICY_COLUMNS} FROM retention_policies WHERE table_name = ?`).get(table) as PolicyRow | undefined;
}

/** Creates or updates a table's policy; `isActive` null keeps the current flag (active for a new policy). */
export function upsertPolicyRow(db: Sqlite, table: string, days: number, isActive: boolean | null): void {
  const flag = isActive === null ? null : isActive ? 1 : 0;
  db.prepare(
    `INSERT INTO retention_policies (table_name, retention_days, is_active) VALUES (?, ?, COALESCE(?, 1))
     ON CONFLICT(table_name) DO UPDATE SET retention_days = excluded.retention_days,
       is_active = COALESCE(?, is_active), updated_at = datetime('now')`,
  ).run(table, days, flag, flag);
}

export function countOlderThan(db: Sqlite, table: string, column: string, cutoff: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${ident(table)} WHERE ${ident(column)} < ?`).get(cutoff) as { n: number }).n;
}

/**
 * The id range of the next `limit` expired rows after `afterId`, found by a read (which in WAL mode
 * blocks no writer), so that the write transaction deleting them only walks that range.
 */
export function nextExpiredRange(
  db: Sqlite,
  table: string,
  column: string,
  cutoff: string,
  afterId: number,
  limit: number,
): { first: number; last: number } | null {
  const row = db
    .prepare(`SELECT min(id) AS first, max(id) AS last FROM (SELECT id FROM ${ident(table)} WHERE id > ? AND ${ident(column)} < ? ORDER BY id LIMIT ?)`)
    .get(afterId, cutoff, limit) as { first: number | null; last: number | null };
  return row.first === null || row.last === null ? null : { first: row.first, last: row.last };
}

/** Deletes the expired rows of an id range in one short write transaction; returns how many went. */
export function deleteExpiredRange(db: Sqlite, table: string, column: string, cutoff: string, range: { first: number; last: number }): number {
  const remove = db.prepare(`DELETE FROM ${ident(table)} WHERE id BETWEEN ? AND ? AND ${ident(column)} < ?`);
  return db.transaction(() => remove.run(range.first, range.last, cutoff).changes).immediate();
}

export function freePageCount(db: Sqlite): number {
  return db.pragma('freelist_count', { simple: true }) as number;
}

/** Returns up to `pages` free pages to the file system (a no-op unless auto_vacuum is INCREMENTAL). */
export function incrementalVacuum(db: Sqlite, pages: number): void {
  db.pragma(`incremental_vacuum(${Math.max(1, Math.trunc(pages))})`);
}

export function insertRunRow(db: Sqlite, run: { startedAt: string; dryRun: boolean; table: string | null; triggeredBy: string; owner: string }): number {
  return Number(
    db
      .prepare(`INSERT INTO retention_runs (started_at, status, dry_run, table_name, triggered_by, owner) VALUES (?, 'running', ?, ?, ?, ?)`)
      .run(run.startedAt, run.dryRun ? 1 : 0, run.table, run.triggeredBy, run.owner).lastInsertRowid,
  );
}

export function listUnfinishedRunRows(db: Sqlite): { id: number; owner: string | null }[] {
  return db.prepare(`SELECT id, owner FROM retention_runs WHERE status = 'running'`).all() as { id: number; owner: string | null }[];
}

/** Closes a run that never finished (its process died), keeping whatever counts it had recorded. */
export function markRunInterrupted(db: Sqlite, id: number, finishedAt: string, error: string): void {
  db.prepare(`UPDATE retention_runs SET status = 'failed', finished_at = ?, error = ? WHERE id = ? AND status = 'running'`).run(finishedAt, error, id);
}

export function finishRunRow(
  db: Sqlite,
  id: number,
  outcome: { finishedAt: string; status: 'succeeded' | 'failed'; deletedCounts: Record<string, number>; totalDeleted: number; error: string | null },
): void {
  db.prepare(`UPDATE retention_runs SET finished_at = ?, status = ?, deleted_counts = ?, total_deleted = ?, error = ? WHERE id = ?`).run(
    outcome.finishedAt,
    outcome.status,
    JSON.stringify(outcome.deletedCounts),
    outcome.totalDeleted,
    outcome.error,
    id,
  );
}

/** Newest first. */
export function listRunRows(db: Sqlite, limit: number): RunRow[] {
  return db
    .prepare(
      `SELECT id, started_at, finished_at, status, dry_run, table_name, triggered_by, deleted_counts, total_deleted, error
       FROM retention_runs ORDER BY id DESC LIMIT ?`,
    )
    .all(limit) as RunRow[];
}
