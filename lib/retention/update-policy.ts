import { writeTransaction, type Db } from '../../db/client';
import { findPolicyRow, upsertPolicyRow } from '../../db/queries/retention';
import { recordAudit } from '../audit/record';
import { parseInput } from '../validation';
import { forgetLongestRetention } from './longest-retention';
import { toPolicy, type RetentionPolicy } from './policies';
import { requireRetentionTable, retentionPolicyInputSchema, type RetentionPolicyInput } from './validation';

/**
 * Sets how many days a table keeps its rows (and, when `isActive` is given, whether cleanup runs for
 * it), recording the change in the audit log in the same transaction.
 */
export async function updateRetentionPolicy(db: Db, input: RetentionPolicyInput, actor: string): Promise<RetentionPolicy> {
  requireRetentionTable(String(input.table));
  const policy = parseInput(retentionPolicyInputSchema, input);
  const updated = await writeTransaction(db, async (tx) => {
    const before = await findPolicyRow(tx, policy.table);
    await upsertPolicyRow(tx, policy.table, policy.retentionDays, policy.isActive ?? null);
    const after = toPolicy((await findPolicyRow(tx, policy.table))!);
    await recordAudit(tx, {
      actor,
      action: 'retention.policy.update',
      target: policy.table,
      before: before && { retentionDays: before.retention_days, isActive: Boolean(before.is_active) },
      after: { retentionDays: after.retentionDays, isActive: after.isActive },
    });
    return after;
  });
  forgetLongestRetention();
  return updated;
}
