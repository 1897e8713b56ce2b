import type { Reader, Tx } from '../client';

export interface AppliedMigration {
  version: number;
  name: string;
  appliedAt: string;
  checksum: string | null;
}

export async function ensureMigrationsTable(tx: Tx): Promise<void> {
  await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    checksum TEXT
  )`);
}

export async function listAppliedMigrations(db: Reader): Promise<AppliedMigration[]> {
  const hasTable = await db.get(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`);
  if (!hasTable) return [];
  return db.all<AppliedMigration>(`SELECT version, name, applied_at AS "appliedAt", checksum FROM schema_migrations ORDER BY version`);
}

/** Whether `version` is applied, as seen inside a migration's own transaction (another process may have just applied it). */
export async function isMigrationApplied(tx: Tx, version: number): Promise<boolean> {
  return (await tx.get(`SELECT 1 FROM schema_migrations WHERE version = ?`, [version])) !== undefined;
}

export async function recordMigration(tx: Tx, row: Omit<AppliedMigration, 'appliedAt'>): Promise<void> {
  await tx.run(`INSERT INTO schema_migrations (version, name, applied_at, checksum) VALUES (?, ?, ?, ?)`, [
    row.version,
    row.name,
    new Date().toISOString(),
    row.checksum,
  ]);
}

export async function forgetMigration(tx: Tx, version: number): Promise<void> {
  await tx.run(`DELETE FROM schema_migrations WHERE version = ?`, [version]);
}
