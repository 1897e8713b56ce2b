import type { Sqlite } from '../../db/connection';
import { ensureMigrationsTable, recordMigration } from '../../db/queries/schema-migrations';
import { MigrationError, type Migration } from './migration';
import { assertConsistent, migrationLabel, migrationStatus } from './status';

/** Applies pending migrations in order, each in one transaction with its schema_migrations row. */
export function migrateUp(db: Sqlite, migrations: Migration[], options: { to?: number } = {}): Migration[] {
  ensureMigrationsTable(db);
  const status = migrationStatus(db, migrations);
  assertConsistent(status);
  const target = options.to ?? Math.max(0, ...migrations.map((m) => m.version));
  if (options.to !== undefined) {
    if (!migrations.some((m) => m.version === target)) throw new MigrationError(`unknown migration version ${target}`);
    if (target < status.current) {
      throw new MigrationError(`the database is at version ${status.current}, above ${target}; use "down ${target}" to go back`);
    }
  }
  const applied: Migration[] = [];
  for (const migration of status.pending.filter((m) => m.version <= target)) {
    try {
      db.transaction(() => {
        db.exec(migration.up);
        migration.upData?.(db);
        recordMigration(db, { version: migration.version, name: migration.name, checksum: migration.checksum });
      }).immediate();
    } catch (error) {
      throw new MigrationError(`${failure(migration, error)}; it was rolled back, the database is at version ${applied.at(-1)?.version ?? status.current}`);
    }
    applied.push(migration);
  }
  return applied;
}

export function failure(migration: Migration, error: unknown): string {
  return `migration ${migrationLabel(migration)} failed: ${error instanceof Error ? error.message : String(error)}`;
}
