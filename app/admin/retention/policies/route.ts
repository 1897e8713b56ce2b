import { handle } from '@/lib/http/respond';
import { getRetentionPolicies } from '@/lib/retention/get-policies';
import { listRetentionRuns } from '@/lib/retention/list-runs';
import { requireAdmin } from '../../_guard';
import { policyJson } from './serialize';

export const dynamic = 'force-dynamic';

/** Every retention policy, and the last cleanup run. */
export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    await requireAdmin(request);
    const [last] = listRetentionRuns(1);
    return Response.json({
      policies: getRetentionPolicies().map(policyJson),
      last_run: last
        ? {
            id: last.id,
            started_at: last.startedAt,
            finished_at: last.finishedAt,
            status: last.status,
            dry_run: last.dryRun,
            triggered_by: last.triggeredBy,
            deleted: last.deletedCounts,
            error: last.error,
          }
        : null,
    });
  });
}
