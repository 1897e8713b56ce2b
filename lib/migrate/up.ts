import { writeTransaction, type Db } from '../../db/client';
import { ensureMigrationsTable, isMigrationApplied, lockMigrations, recordMigration } from '../../db/queries/schema-migrations';
import { migrationFailure, MigrationError, type Migration } from './migration';
import { assertConsistent, migrationStatus } from './status';

/**
 * Applies pending migrations in order, each in one transaction with its schema_migrations row. A
 * migration another process applied meanwhile (servers starting together) is skipped: each
 * transaction checks again under the write lock.
 */
export async function migrateUp(db: Db, migrations: Migration[], options: { to?: number } = {}): Promise<Migration[]> {
  await writeTransaction(db, ensureMigrationsTable);
  const status = await migrationStatus(db, migrations);
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
      const ran = await writeTransaction(db, async (tx) => {
        await lockMigrations(tx);
        if (await isMigrationApplied(tx, migration.version)) return false;
        await tx.exec(migration.up);
        await migration.upData?.(tx);
        await recordMigration(tx, { version: migration.version, name: migration.name, checksum: migration.checksum });
        return true;
      });
      if (ran) applied.push(migration);
    } catch (error) {
      throw new MigrationError(
        `${migrationFailure(migration, error)}; it was rolled back, the database is at version ${applied.at(-1)?.version ?? status.current}`,
      );
    }
  }
  return applied;
}
