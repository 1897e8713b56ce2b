import { handle } from '@/lib/http/respond';
import { previewRetention } from '@/lib/retention/preview';
import { queryParam, requireAdmin } from '../../_guard';

export const dynamic = 'force-dynamic';

/** What cleanup would delete now, per table (or for `?table_name=`). */
export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    await requireAdmin(request);
    const tables = previewRetention(queryParam(request, 'table_name'));
    return Response.json({
      tables: tables.map((t) => ({
        table_name: t.table,
        column: t.column,
        retention_days: t.retentionDays,
        is_active: t.isActive,
        cutoff: t.cutoff,
        expired_rows: t.expiredRows,
        total_rows: t.totalRows,
      })),
    });
  });
}
