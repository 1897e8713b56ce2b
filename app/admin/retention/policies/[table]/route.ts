import { UserError } from '@/lib/errors';
import { handle } from '@/lib/http/respond';
import { updateRetentionPolicy } from '@/lib/retention/update-policy';
import { flagSchema, requireRetentionTable } from '@/lib/retention/validation';
import { parseInput } from '@/lib/validation';
import { queryParam, requireAdmin } from '../../../_guard';
import { policyJson } from '../serialize';

export const dynamic = 'force-dynamic';

/** Sets a table's retention: `?retention_days=N` (1..3650), optionally `&is_active=true|false`. */
export function PUT(request: Request, context: { params: Promise<{ table: string }> }): Promise<Response> {
  return handle(async () => {
    const actor = await requireAdmin(request);
    const table = requireRetentionTable((await context.params).table);
    const days = queryParam(request, 'retention_days');
    if (days === undefined) throw new UserError('retention_days is required (a whole number of days, 1 to 3650)', 400);
    const active = queryParam(request, 'is_active');
    const policy = updateRetentionPolicy(table, Number(days), active === undefined ? undefined : parseInput(flagSchema, active), actor);
    return Response.json(policyJson(policy));
  });
}
