import type { Reader } from '../../db/client';
import { countRows } from '../../db/queries/database';
import { countOlderThan } from '../../db/queries/retention';
import { policiesInScope } from './policies';
import type { RetentionTable } from './tables';

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

/** How many rows each policy (or the one of `table`) would delete now, without deleting anything. */
export async function previewRetention(db: Reader, input: { table?: string; now?: Date } = {}): Promise<RetentionPreview[]> {
  const scope = await policiesInScope(db, input.table, input.now ?? new Date());
  return Promise.all(
    scope.map(async (p) => ({
      table: p.table,
      column: p.column,
      retentionDays: p.retentionDays,
      isActive: p.isActive,
      cutoff: p.cutoff,
      expiredRows: await countOlderThan(db, p.table, p.column, p.cutoff),
      totalRows: await countRows(db, p.table),
    })),
  );
}
