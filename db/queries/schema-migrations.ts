import type { Reader, Tx } from '../client';
import { lockForTransaction } from './locks';

export interface AppliedMigration {
  version: number;
  name: string;
  appliedAt: string;
  checksum: string | null;
}

/**
 * Makes a migration transaction the only one running across every server on the database: on
 * PostgreSQL an advisory lock held until commit, so instances starting together migrate once (the
 * others wait, then find the migration applied); SQLite's BEGIN IMMEDIATE already excludes writers.
 */
export function lockMigrations(tx: Tx): Promise<void> {
  return lockForTransaction(tx, 'migrations');
}

/** True when the table exists in the database (its current schema, on PostgreSQL). */
export async function tableExists(db: Reader, table: string): Promise<boolean> {
  const sql =
    db.engine === 'sqlite'
      ? `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`
      : `SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?`;
  return (await db.get(sql, [table])) !== undefined;
}

export async function ensureMigrationsTable(tx: Tx): Promise<void> {
  await lockMigrations(tx);
  await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    checksum TEXT
  )`);
}

export async function listAppliedMigrations(db: Reader): Promise<AppliedMigration[]> {
  if (!(await tableExists(db, 'schema_migrations'))) return [];
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
