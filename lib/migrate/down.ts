import { writeTransaction, type Db } from '../../db/client';
import { forgetMigration, lockMigrations } from '../../db/queries/schema-migrations';
import { migrationFailure, MigrationError, type Migration } from './migration';
import { assertConsistent, migrationStatus } from './status';

/** Reverts applied migrations above `target`, newest first, each in one transaction. */
export async function migrateDown(db: Db, migrations: Migration[], target: number): Promise<Migration[]> {
  if (!Number.isInteger(target) || target < 0) throw new MigrationError(`target version must be a whole number ≥ 0, got ${target}`);
  const status = await migrationStatus(db, migrations);
  assertConsistent(status);
  if (target > status.current) {
    throw new MigrationError(`the database is at version ${status.current}; cannot go down to ${target}, which is above it`);
  }
  if (target !== 0 && !status.applied.some((a) => a.version === target)) {
    throw new MigrationError(`version ${target} is not an applied migration`);
  }
  const byVersion = new Map(migrations.map((m) => [m.version, m]));
  const reverted: Migration[] = [];
  for (const row of [...status.applied].reverse().filter((a) => a.version > target)) {
    const migration = byVersion.get(row.version)!;
    try {
      await writeTransaction(db, async (tx) => {
        await lockMigrations(tx);
        await migration.downData?.(tx);
        await tx.exec(migration.down);
        await forgetMigration(tx, migration.version);
      });
    } catch (error) {
      throw new MigrationError(`${migrationFailure(migration, error)}; it was rolled back, the database is at version ${migration.version}`);
    }
    reverted.push(migration);
  }
  return reverted;
}
