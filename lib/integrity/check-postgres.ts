import type { Reader } from '../../db/client';
import { engineInfo } from '../../db/engine-info';
import { rangePartitions } from '../../db/queries/partitions';
import { tableStats, type TableStats } from '../../db/queries/server-stats';
import { migrationsFor } from '../migrate/load';
import { migrationStatus } from '../migrate/status';
import { migrationLabel } from '../migrate/migration';
import { MONTHS_AHEAD } from '../retention/ensure-partitions';
import { RETENTION_TABLES, isRetentionTable } from '../retention/tables';

export interface TableHealth extends TableStats {
  /**
   * Dead rows beyond autovacuum's own trigger (50 + 20% of the live rows, PostgreSQL's defaults):
   * space autovacuum should have reclaimed by now and has not (it is off, or a long transaction holds it back).
   */
  bloated: boolean;
}

export interface PartitionCoverage {
  table: string;
  /** Where its last month partition ends, or null when it has none. */
  until: string | null;
}

export interface PostgresCheckReport {
  location: string;
  ok: boolean;
  serverVersion: string;
  /** The round trip of the first statement. */
  answeredInMs: number;
  schemaVersion: number;
  pendingMigrations: string[];
  tables: TableHealth[];
  partitions: PartitionCoverage[];
  /** What makes `ok` false: migration history that no longer matches the files, months without a partition to insert into. */
  problems: string[];
}

const AUTOVACUUM_THRESHOLD = 50;
const AUTOVACUUM_SCALE_FACTOR = 0.2;

/** The first instant of the month after `at`'s (UTC). */
const nextMonth = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));

/**
 * `db check` on PostgreSQL (the server itself guards pages and foreign keys): that the database
 * answers and on which version, its schema version against the migration files, every table's size
 * (partitions, indexes and TOAST included) with its live and dead rows, and whether each month-partitioned
 * table has partitions for this month and the next, without which inserts fail.
 */
export async function checkPostgresDatabase(db: Reader, now: Date = new Date()): Promise<PostgresCheckReport> {
  const started = performance.now();
  const { version } = await engineInfo(db);
  const answeredInMs = performance.now() - started;
  const status = await migrationStatus(db, await migrationsFor(db));
  const problems = [...status.problems];
  const tables = (await tableStats(db)).map((t) => ({ ...t, bloated: t.deadRows > AUTOVACUUM_THRESHOLD + AUTOVACUUM_SCALE_FACTOR * t.liveRows }));
  const partitions: PartitionCoverage[] = [];
  for (const t of tables) {
    if (!t.partitions || !isRetentionTable(t.table)) continue;
    const months = await rangePartitions(db, t.table, RETENTION_TABLES[t.table].column);
    partitions.push({ table: t.table, until: months.at(-1)?.to ?? null });
    const covered = (at: Date) =>
      months.some((p) => (p.from === null || Date.parse(p.from) <= at.getTime()) && (p.to === null || at.getTime() < Date.parse(p.to)));
    const uncovered = [now, nextMonth(now)].filter((at) => !covered(at));
    if (uncovered.length) {
      problems.push(
        `${t.table} has no partition for ${uncovered.map((at) => at.toISOString().slice(0, 7)).join(' and ')}: its inserts then fail; ` +
          `the scheduler of npm start creates ${MONTHS_AHEAD} months ahead every day (is a server running?)`,
      );
    }
  }
  return {
    location: db.location,
    ok: problems.length === 0,
    serverVersion: version,
    answeredInMs,
    schemaVersion: status.current,
    pendingMigrations: status.pending.map(migrationLabel),
    tables,
    partitions,
    problems,
  };
}
