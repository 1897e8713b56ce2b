import { handle } from '@/lib/http/respond';
import { applyRetentionCleanup } from '@/lib/retention/apply-cleanup';
import { flagSchema } from '@/lib/retention/validation';
import { parseInput } from '@/lib/validation';
import { queryParam, requireAdmin } from '../../_guard';

export const dynamic = 'force-dynamic';

/** Runs retention cleanup: a dry run unless `?dry_run=false`, all tables unless `?table_name=`. */
export function POST(request: Request): Promise<Response> {
  return handle(async () => {
    const actor = await requireAdmin(request);
    const dryRunParam = queryParam(request, 'dry_run');
    const dryRun = dryRunParam === undefined ? true : parseInput(flagSchema, dryRunParam);
    const result = await applyRetentionCleanup({ dryRun, table: queryParam(request, 'table_name'), actor });
    return Response.json({
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
    });
  });
}
