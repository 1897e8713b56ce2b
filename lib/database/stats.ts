import { getDatabase, type Sqlite } from '../../db/connection';
import { tableRowCounts } from '../../db/queries/database';

export interface DatabaseStats {
  tables: Record<string, number>;
  totalRows: number;
}

/** Row counts of every table. */
export function databaseStats(db: Sqlite = getDatabase()): DatabaseStats {
  const tables = tableRowCounts(db);
  return { tables, totalRows: Object.values(tables).reduce((a, b) => a + b, 0) };
}
