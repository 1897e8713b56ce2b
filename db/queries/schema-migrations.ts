import type { Sqlite } from '../connection';

export interface AppliedMigration {
  version: number;
  name: string;
  appliedAt: string;
  checksum: string | null;
}

export function ensureMigrationsTable(db: Sqlite): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    checksum TEXT
  )`);
}

export function listAppliedMigrations(db: Sqlite): AppliedMigration[] {
  const hasTable = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get();
  if (!hasTable) return [];
  return db.prepare(`SELECT version, name, applied_at AS appliedAt, checksum FROM schema_migrations ORDER BY version`).all() as AppliedMigration[];
}

export function recordMigration(db: Sqlite, row: Omit<AppliedMigration, 'appliedAt'>): void {
  db.prepare(`INSERT INTO schema_migrations (version, name, applied_at, checksum) VALUES (?, ?, ?, ?)`).run(
    row.version,
    row.name,
    new Date().toISOString(),
    row.checksum,
  );
}

export function forgetMigration(db: Sqlite, version: number): void {
  db.prepare(`DELETE FROM schema_migrations WHERE version = ?`).run(version);
}
