import { adminKeyOrSession } from '@/auth/access';
import { databaseStats } from '@/lib/database/stats';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** Row counts per table. */
export const GET = route({ access: adminKeyOrSession }, async ({ db }) => {
  const stats = await databaseStats(db.longReads);
  return { tables: stats.tables, total_rows: stats.totalRows };
});
