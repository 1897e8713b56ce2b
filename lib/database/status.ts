import type { Reader } from '../../db/client';
import { listAppliedMigrations } from '../../db/queries/schema-migrations';
import { engineInfo, type EngineInfo } from '../../db/engine-info';
import { listMigrationFiles, migrationsDir } from '../migrate/load';
import { migrationLabel } from '../migrate/migration';
import { databaseSize } from './size';
import { databaseStats } from './stats';

export interface SystemStatus {
  /** The SQLite file, or the PostgreSQL URL without its password. */
  file: string;
  engine: EngineInfo;
  schemaVersion: number;
  latestVersion: number;
  pendingMigrations: string[];
  databaseBytes: number;
  freeBytes: number;
  walBytes: number;
  tables: { table: string; rows: number }[];
}

/** What the system page shows. Reads migration file names only (no import), so it works in the server. */
export async function systemStatus(db: Reader, dir?: string): Promise<SystemStatus> {
  const files = listMigrationFiles(dir ?? migrationsDir(db.engine));
  const applied = await listAppliedMigrations(db);
  const appliedVersions = new Set(applied.map((m) => m.version));
  const size = await databaseSize(db);
  const stats = await databaseStats(db);
  return {
    file: size.file,
    engine: await engineInfo(db),
    schemaVersion: applied.at(-1)?.version ?? 0,
    latestVersion: files.at(-1)?.version ?? 0,
    pendingMigrations: files.filter((m) => !appliedVersions.has(m.version)).map(migrationLabel),
    databaseBytes: size.pageCount * size.pageSize,
    freeBytes: size.freelistCount * size.pageSize,
    walBytes: size.walBytes,
    tables: Object.entries(stats.tables).map(([table, rows]) => ({ table, rows })),
  };
}
