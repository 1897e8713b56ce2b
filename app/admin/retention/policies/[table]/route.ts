import { z } from 'zod';
import { adminKeyOrSession } from '@/auth/access';
import { route } from '@/lib/http/route';
import { updateRetentionPolicy } from '@/lib/retention/update-policy';
import { flagSchema, requireRetentionTable, retentionDaysSchema } from '@/lib/retention/validation';
import { policyJson } from '../serialize';

export const dynamic = 'force-dynamic';

/** Sets a table's retention: `?retention_days=N` (1..3650), optionally `&is_active=true|false`; 404 for a table retention does not know. */
export const PUT = route(
  {
    access: adminKeyOrSession,
    params: z.object({ table: z.string() }),
    query: z.object({ retention_days: retentionDaysSchema, is_active: flagSchema.optional() }),
  },
  async ({ db, actor, params, query }) =>
    policyJson(
      await updateRetentionPolicy(db, { table: requireRetentionTable(params.table), retentionDays: query.retention_days, isActive: query.is_active }, actor),
    ),
);
