import type { Reader } from '../../db/client';
import { listRunRows } from '../../db/queries/retention';

export interface RetentionRun {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'succeeded' | 'failed';
  dryRun: boolean;
  /** The one table the run was limited to, or null for all tables. */
  table: string | null;
  triggeredBy: string;
  /** Rows deleted per table (rows that would be deleted, on a dry run). */
  deletedCounts: Record<string, number>;
  totalDeleted: number;
  error: string | null;
}

/** The most recent retention runs, newest first (the dashboard's "last run" is the first). */
export async function listRetentionRuns(db: Reader, limit = 20): Promise<RetentionRun[]> {
  return (await listRunRows(db, limit)).map((r) => ({
    id: r.id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status,
    dryRun: Boolean(r.dry_run),
    table: r.table_name,
    triggeredBy: r.triggered_by,
    deletedCounts: r.deleted_counts ? (JSON.parse(r.deleted_counts) as Record<string, number>) : {},
    totalDeleted: r.total_deleted,
    error: r.error,
  }));
}
