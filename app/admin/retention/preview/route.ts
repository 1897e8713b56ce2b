import { z } from 'zod';
import { adminKeyOrSession } from '@/auth/access';
import { route } from '@/lib/http/route';
import { previewRetention } from '@/lib/retention/preview';

export const dynamic = 'force-dynamic';

/** What cleanup would delete now, per table (or for `?table_name=`; 404 for a table retention does not know). */
export const GET = route({ access: adminKeyOrSession, query: z.object({ table_name: z.string().optional() }) }, async ({ db, query }) => ({
  tables: (await previewRetention(db.longReads, { table: query.table_name })).map((t) => ({
    table_name: t.table,
    column: t.column,
    retention_days: t.retentionDays,
    is_active: t.isActive,
    cutoff: t.cutoff,
    expired_rows: t.expiredRows,
    total_rows: t.totalRows,
  })),
}));
