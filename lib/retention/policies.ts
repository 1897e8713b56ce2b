// Internal to lib/retention: the policy shape the verbs share.
import type { Reader } from '../../db/client';
import { listPolicyRows, type PolicyRow } from '../../db/queries/retention';
import { cutoffFor } from './cutoff';
import { RETENTION_TABLES, isRetentionTable, type RetentionTable } from './tables';
import { requireRetentionTable } from './validation';

export interface RetentionPolicy {
  table: string;
  /** The column whose age decides expiry (null for a policy row naming a table retention does not know). */
  column: string | null;
  retentionDays: number;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
}

export function toPolicy(row: PolicyRow): RetentionPolicy {
  return {
    table: row.table_name,
    column: isRetentionTable(row.table_name) ? RETENTION_TABLES[row.table_name].column : null,
    retentionDays: row.retention_days,
    isActive: Boolean(row.is_active),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The policies that apply (all known tables, or the one named), each with its cutoff as of `now`. */
export async function policiesInScope(db: Reader, table: string | undefined, now: Date) {
  const only = table === undefined ? undefined : requireRetentionTable(table);
  return (await listPolicyRows(db))
    .map(toPolicy)
    .filter((p): p is RetentionPolicy & { table: RetentionTable; column: string } => isRetentionTable(p.table) && (only === undefined || p.table === only))
    .map((p) => ({ ...p, cutoff: cutoffFor(p.table, p.retentionDays, now) }));
}
