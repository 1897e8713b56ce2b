import type { Sqlite } from '../../db/connection';
import { listAppliedMigrations } from '../../db/queries/schema-migrations';
import { listMigrationFiles } from '../migrate/load';
import { migrationLabel } from '../migrate/status';
import { databaseSize } from './size';
import { databaseStats } from './stats';

export interface SystemStatus {
  file: string;
  schemaVersion: number;
  latestVersion: number;
  pendingMigrations: string[];
  databaseBytes: number;
  freeBytes: number;
  walBytes: number;
  tables: { table: string; rows: number }[];
}

/** What the system page shows. Reads migration file names only (no import), so it works in the server. */
export function systemStatus(db: Sqlite, file: string, migrationsDir?: string): SystemStatus {
  const files = listMigrationFiles(migrationsDir);
  const applied = listAppliedMigrations(db);
  const appliedVersions = new Set(applied.map((m) => m.version));
  const size = databaseSize(db, file);
  return {
    file,
    schemaVersion: applied.at(-1)?.version ?? 0,
    latestVersion: files.at(-1)?.version ?? 0,
    pendingMigrations: files.filter((m) => !appliedVersions.has(m.version)).map(migrationLabel),
    databaseBytes: size.pageCount * size.pageSize,
    freeBytes: size.freelistCount * size.pageSize,
    walBytes: size.walBytes,
    tables: Object.entries(databaseStats(db).tables).map(([table, rows]) => ({ table, rows })),
  };
}
