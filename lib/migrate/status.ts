import type { Reader } from '../../db/client';
import { listAppliedMigrations, type AppliedMigration } from '../../db/queries/schema-migrations';
import { migrationLabel, MigrationError, type Migration } from './migration';

export interface MigrationStatus {
  current: number;
  applied: AppliedMigration[];
  pending: Migration[];
  /** Applied migrations whose file changed since, or whose file is gone. */
  problems: string[];
}

export async function migrationStatus(db: Reader, migrations: Migration[]): Promise<MigrationStatus> {
  const applied = await listAppliedMigrations(db);
  const byVersion = new Map(migrations.map((m) => [m.version, m]));
  const problems: string[] = [];
  for (const row of applied) {
    const file = byVersion.get(row.version);
    if (!file) problems.push(`applied migration ${migrationLabel(row)} has no file in the migrations folder`);
    else if (row.checksum && row.checksum !== file.checksum) {
      problems.push(`applied migration ${migrationLabel(file)} was edited after it was applied (checksum mismatch); write a new migration instead`);
    }
  }
  const appliedVersions = new Set(applied.map((a) => a.version));
  return {
    current: applied.at(-1)?.version ?? 0,
    applied,
    pending: migrations.filter((m) => !appliedVersions.has(m.version)),
    problems,
  };
}

/** Refuses to touch a database whose history no longer matches the files. */
export function assertConsistent(status: MigrationStatus): void {
  if (status.problems.length) throw new MigrationError(status.problems.join('\n'));
}
