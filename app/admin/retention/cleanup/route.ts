import { adminKeyOrSession } from '@/auth/access';
import { route } from '@/lib/http/route';
import { applyRetentionCleanup } from '@/lib/retention/apply-cleanup';
import { cleanupRequestSchema } from '@/lib/retention/validation';

export const dynamic = 'force-dynamic';

/** Runs retention cleanup: a dry run unless `?dry_run=false`, all tables unless `?table_name=`. */
export const POST = route({ access: adminKeyOrSession, query: cleanupRequestSchema }, async ({ db, actor, query }) => {
  const result = await applyRetentionCleanup(db, { dryRun: query.dry_run, table: query.table_name, actor });
  return {
    run_id: result.runId,
    dry_run: result.dryRun,
    started_at: result.startedAt,
    finished_at: result.finishedAt,
    total_deleted: result.totalDeleted,
    freed_pages: result.freedPages,
    tables: result.tables.map((t) => ({
      table_name: t.table,
      retention_days: t.retentionDays,
      cutoff: t.cutoff,
      skipped: t.skipped,
      expired_rows: t.expiredRows,
      deleted_rows: t.deletedRows,
    })),
  };
});
