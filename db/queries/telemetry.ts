import type { Reader } from '../client';

export interface RetentionRunRow {
  id: number;
  status: 'running' | 'succeeded' | 'failed';
  dry_run: number | boolean;
  started_at: string;
  finished_at: string | null;
  total_deleted: number;
}

/** The highest retention run id (0 for none): runs up to it happened before this process counted. */
export async function lastRetentionRunId(db: Reader): Promise<number> {
  return (await db.get<{ id: number | null }>(`SELECT max(id) AS id FROM retention_runs`))?.id ?? 0;
}

/** Retention runs after `id`, oldest first, finished or not (a primary-key range: cheap at every scrape). */
export function retentionRunsAfter(db: Reader, id: number): Promise<RetentionRunRow[]> {
  return db.all<RetentionRunRow>(`SELECT id, status, dry_run, started_at, finished_at, total_deleted FROM retention_runs WHERE id > ? ORDER BY id`, [id]);
}
