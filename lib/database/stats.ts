import type { Reader } from '../../db/client';
import { tableRowCounts } from '../../db/queries/database';

export interface DatabaseStats {
  tables: Record<string, number>;
  totalRows: number;
}

/** Row counts of every table. */
export async function databaseStats(db: Reader): Promise<DatabaseStats> {
  const tables = await tableRowCounts(db);
  return { tables, totalRows: Object.values(tables).reduce((a, b) => a + b, 0) };
}
