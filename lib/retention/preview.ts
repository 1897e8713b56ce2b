import { getDatabase, type Sqlite } from '../../db/connection';
import { countRows } from '../../db/queries/database';
import { countOlderThan } from '../../db/queries/retention';
import { cutoffFor } from './cutoff';
import { getRetentionPolicies } from './get-policies';
import { RETENTION_TABLES, isRetentionTable, type RetentionTable } from './tables';
import { requireRetentionTable } from './validation';

export interface RetentionPreview {
  table: RetentionTable;
  column: string;
  retentionDays: number;
  isActive: boolean;
  /** Rows whose aging column sorts below this value are expired. */
  cutoff: string;
  expiredRows: number;
  totalRows: number;
}

/** The policies that apply (all known tables, or the one named), each with its cutoff as of `now`. */
export function policiesInScope(db: Sqlite, table: string | undefined, now: Date) {
  const only = table === undefined ? undefined : requireRetentionTable(table);
  return getRetentionPolicies(db)
    .filter((p): p is typeof p & { table: RetentionTable } => isRetentionTable(p.table) && (only === undefined || p.table === only))
    .map((p) => ({ ...p, column: RETENTION_TABLES[p.table].column, cutoff: cutoffFor(p.table, p.retentionDays, now) }));
}

/** How many rows each policy would delete now, without deleting anything. */
export function previewRetention(table?: string, options: { db?: Sqlite; now?: Date } = {}): RetentionPreview[] {
  const db = options.db ?? getDatabase();
  return policiesInScope(db, table, options.now ?? new Date()).map((p) => ({
    table: p.table,
    column: p.column,
    retentionDays: p.retentionDays,
    isActive: p.isActive,
    cutoff: p.cutoff,
    expiredRows: countOlderThan(db, p.table, p.column, p.cutoff),
    totalRows: countRows(db, p.table),
  }));
}
