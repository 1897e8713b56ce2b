import { getDatabase, type Sqlite } from '../../db/connection';
import { findPolicyRow, upsertPolicyRow } from '../../db/queries/retention';
import { recordAudit } from '../audit/record';
import { toPolicy, type RetentionPolicy } from './get-policies';
import { parseInput } from '../validation';
import { requireRetentionTable, retentionPolicyInputSchema } from './validation';

/**
 * Sets how many days a table keeps its rows (and, when `active` is given, whether cleanup runs for it),
 * recording the change in the audit log in the same transaction.
 */
export function updateRetentionPolicy(table: string, days: number, active: boolean | undefined, actor: string, db: Sqlite = getDatabase()): RetentionPolicy {
  requireRetentionTable(table);
  const input = parseInput(retentionPolicyInputSchema, { table, retentionDays: days, isActive: active });
  return db
    .transaction(() => {
      const before = findPolicyRow(db, input.table);
      upsertPolicyRow(db, input.table, input.retentionDays, input.isActive ?? null);
      const after = toPolicy(findPolicyRow(db, input.table)!);
      recordAudit(db, {
        actor,
        action: 'retention.policy.update',
        target: input.table,
        before: before && { retentionDays: before.retention_days, isActive: before.is_active === 1 },
        after: { retentionDays: after.retentionDays, isActive: after.isActive },
      });
      return after;
    })
    .immediate();
}
