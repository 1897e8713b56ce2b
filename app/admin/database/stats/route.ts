import { databaseStats } from '@/lib/database/stats';
import { handle } from '@/lib/http/respond';
import { requireAdmin } from '../../_guard';

export const dynamic = 'force-dynamic';

/** Row counts per table. */
export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    await requireAdmin(request);
    const stats = databaseStats();
    return Response.json({ tables: stats.tables, total_rows: stats.totalRows });
  });
}
