import { adminKeyOrSession } from '@/auth/access';
import { route } from '@/lib/http/route';
import { getRetentionPolicies } from '@/lib/retention/get-policies';
import { listRetentionRuns } from '@/lib/retention/list-runs';
import { policyJson } from './serialize';

export const dynamic = 'force-dynamic';

/** Every retention policy, and the last cleanup run. */
export const GET = route({ access: adminKeyOrSession }, async ({ db }) => {
  const [policies, [last]] = await Promise.all([getRetentionPolicies(db.longReads), listRetentionRuns(db.longReads, 1)]);
  return {
    policies: policies.map(policyJson),
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
  };
});
