'use server';

import { revalidatePath } from 'next/cache';
import { adminAction, type ActionState } from '@/auth/action';
import { checked, text } from '@/lib/forms/fields';
import { applyRetentionCleanup, type CleanupResult } from '@/lib/retention/apply-cleanup';
import { updateRetentionPolicy } from '@/lib/retention/update-policy';
import { retentionPolicyInputSchema } from '@/lib/retention/validation';
import { parseInput } from '@/lib/validation';

export async function updatePolicyAction(table: string, _: ActionState, form: FormData): Promise<ActionState> {
  return adminAction(
    (actor) => {
      // Validated here first so that each field gets its own message next to it.
      const policy = parseInput(retentionPolicyInputSchema, { table, retentionDays: text(form, 'retentionDays'), isActive: checked(form, 'isActive') });
      return updateRetentionPolicy(policy.table, policy.retentionDays, policy.isActive, actor);
    },
    (policy) => {
      revalidatePath('/retention');
      return { message: `Saved: ${policy.table} keeps ${policy.retentionDays} days${policy.isActive ? '' : ' (cleanup off)'}.` };
    },
  );
}

export async function cleanupAction(dryRun: boolean): Promise<ActionState<CleanupResult>> {
  return adminAction(
    (actor) => applyRetentionCleanup({ dryRun, actor }),
    (result) => {
      revalidatePath('/retention');
      const rows = dryRun ? result.tables.reduce((sum, t) => sum + t.expiredRows, 0) : result.totalDeleted;
      return { message: dryRun ? `Dry run: a cleanup now would delete ${rows} rows.` : `Cleanup done: ${rows} rows deleted.`, data: result };
    },
  );
}
