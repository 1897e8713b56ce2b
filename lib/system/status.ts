import fs from 'node:fs';
import type { Sqlite } from '../../db/connection';
import { listAppliedMigrations } from '../../db/queries/schema_migrations';
import { countRowsPerTable, databasePages, type TableRowCount } from '../../db/queries/system';
import { listMigrationFiles } from '../migrate/load';
import { migrationLabel } from '../migrate/status';

export interface SystemStatus {
  file: string;
  schemaVersion: number;
  latestVersion: number;
  pendingMigrations: string[];
  databaseBytes: number;
  freeBytes: number;
  walBytes: number;
  tables: TableRowCount[];
}

const sizeOf = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);

/** What the system page shows. Reads migration file names only (no import), so it works in the server. */
export function systemStatus(db: Sqlite, file: string, migrationsDir?: string): SystemStatus {
  const files = listMigrationFiles(migrationsDir);
  const applied = listAppliedMigrations(db);
  const appliedVersions = new Set(applied.map((m) => m.version));
  const pages = databasePages(db);
  return {
    file,
    schemaVersion: applied.at(-1)?.version ?? 0,
    latestVersion: files.at(-1)?.version ?? 0,
    pendingMigrations: files.filter((m) => !appliedVersions.has(m.version)).map(migrationLabel),
    databaseBytes: pages.bytes,
    freeBytes: pages.freeBytes,
    walBytes: sizeOf(`${file}-wal`),
    tables: countRowsPerTable(db),
  };
}
