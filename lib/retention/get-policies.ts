import { getDatabase, type Sqlite } from '../../db/connection';
import { listPolicyRows, type PolicyRow } from '../../db/queries/retention';
import { RETENTION_TABLES, isRetentionTable } from './tables';

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
    isActive: row.is_active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function getRetentionPolicies(db: Sqlite = getDatabase()): RetentionPolicy[] {
  return listPolicyRows(db).map(toPolicy);
}
