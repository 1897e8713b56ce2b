'use server';

import { revalidatePath } from 'next/cache';
import { adminAction, type ActionState } from '@/auth/action';
import { formatCount } from '@/components/shell/format';
import { checked, text } from '@/lib/forms/fields';
import { applyRetentionCleanup, type CleanupResult } from '@/lib/retention/apply-cleanup';
import { updateRetentionPolicy } from '@/lib/retention/update-policy';
import { getDb } from '@/db/connection';
import { cleanupRequestSchema } from '@/lib/retention/validation';
import { parseInput } from '@/lib/validation';

export async function updatePolicyAction(table: string, _: ActionState, form: FormData): Promise<ActionState> {
  return adminAction(
    (actor) => updateRetentionPolicy(getDb(), { table, retentionDays: text(form, 'retentionDays'), isActive: checked(form, 'isActive') }, actor),
    (policy) => {
      revalidatePath('/retention');
      return { message: `Saved: ${policy.table} keeps ${formatCount(policy.retentionDays)} days${policy.isActive ? '' : ' (cleanup off)'}.` };
    },
  );
}

/** `request` as the admin API's query takes it (`{ dry_run, table_name }`): whatever a client sends, a dry run unless `dry_run` is false. */
export async function cleanupAction(request: unknown): Promise<ActionState<CleanupResult>> {
  return adminAction(
    (actor) => {
      const { dry_run: dryRun, table_name: table } = parseInput(cleanupRequestSchema, request ?? {});
      return applyRetentionCleanup(getDb(), { dryRun, table, actor });
    },
    (result) => {
      revalidatePath('/retention');
      const rows = result.dryRun ? result.tables.reduce((sum, t) => sum + t.expiredRows, 0) : result.totalDeleted;
      const count = `${formatCount(rows)} ${rows === 1 ? 'row' : 'rows'}`;
      return { message: result.dryRun ? `Dry run: a cleanup now would delete ${count}.` : `Cleanup done: ${count} deleted.`, data: result };
    },
  );
}
