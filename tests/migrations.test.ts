import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeTransaction, type Db } from '../db/client';
import { PostgresDb } from '../db/postgres-client';
import { SqliteDb } from '../db/sqlite-client';
import { TOTAL_VALUE } from '../db/queries/dimension-rollups';
import { openDatabase, type Sqlite } from '../db/sqlite-file';
import { createMigration } from '../lib/migrate/create';
import { migrateDown } from '../lib/migrate/down';
import { DEFAULT_MIGRATIONS_DIR, loadMigrations, migrationsDir } from '../lib/migrate/load';
import { MigrationError, type Migration } from '../lib/migrate/migration';
import { migrationStatus } from '../lib/migrate/status';
import { migrateUp } from '../lib/migrate/up';
import { addToSketch, emptySketch, serializeSketch } from '../lib/rollups/sketch';
import { scratchPostgresDatabase } from './helpers/engine';
import { tempDir } from './helpers/tempdb';

const run = promisify(execFile);

/** The whole schema as SQLite stores it: every table's and index's DDL, plus the applied versions. */
function snapshot(db: Sqlite) {
  return {
    objects: db.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`).all(),
    versions: db.prepare(`SELECT version FROM schema_migrations ORDER BY version`).pluck().all(),
  };
}

function copyMigrations(dir: string, upTo = Infinity): void {
  for (const file of fs.readdirSync(DEFAULT_MIGRATIONS_DIR)) {
    if (Number(file.slice(0, 4)) <= upTo) fs.copyFileSync(path.join(DEFAULT_MIGRATIONS_DIR, file), path.join(dir, file));
  }
}

describe('migrations', () => {
  let dir: string;
  let cleanup: () => void;
  let db: SqliteDb;
  let sqlite: Sqlite;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    db = SqliteDb.open(path.join(dir, 'metrics.db'));
    sqlite = openDatabase(path.join(dir, 'metrics.db'));
  });
  afterEach(async () => {
    sqlite.close();
    await db.close();
    cleanup();
  });

  it('"down 0" then "up" round-trips to an identical schema, and data survives table rebuilds', async () => {
    const migrations = await loadMigrations();
    await migrateUp(db, migrations);
    const full = snapshot(sqlite);
    expect(full.versions).toEqual(migrations.map((m) => m.version));

    sqlite.prepare(`INSERT INTO api_keys (key_hash, service_name, created_at, rate_limit) VALUES ('h1', 'svc', '2026-01-01T00:00:00Z', 7)`).run();
    await migrateDown(db, migrations, 3);
    expect(sqlite.prepare(`SELECT key_hash, service_name, rate_limit FROM api_keys`).all()).toEqual([{ key_hash: 'h1', service_name: 'svc', rate_limit: 7 }]);
    expect(sqlite.prepare(`SELECT name FROM pragma_table_info('api_keys')`).pluck().all()).not.toContain('usage_count');
    await migrateUp(db, migrations);
    expect(sqlite.prepare(`SELECT key_hash, usage_count, rate_limit FROM api_keys`).all()).toEqual([{ key_hash: 'h1', usage_count: 0, rate_limit: 7 }]);
    sqlite.prepare(`DELETE FROM api_keys`).run();

    await migrateDown(db, migrations, 0);
    expect(snapshot(sqlite)).toEqual({
      objects: [{ type: 'table', name: 'schema_migrations', tbl_name: 'schema_migrations', sql: expect.any(String) }],
      versions: [],
    });
    await migrateUp(db, migrations);
    expect(snapshot(sqlite)).toEqual(full);
  });

  it('"up --to 2" stops at version 2', async () => {
    const migrations = await loadMigrations();
    expect((await migrateUp(db, migrations, { to: 2 })).map((m) => m.version)).toEqual([1, 2]);
    const status = await migrationStatus(db, migrations);
    expect(status.current).toBe(2);
    expect(status.pending.map((m) => m.version)).toEqual(migrations.filter((m) => m.version > 2).map((m) => m.version));
    expect(sqlite.prepare(`SELECT name FROM sqlite_master WHERE name = 'retention_policies'`).get()).toBeUndefined();
    await expect(migrateUp(db, migrations, { to: 1 })).rejects.toThrow(/above 1; use "down 1"/);
    await expect(migrateUp(db, migrations, { to: 99 })).rejects.toThrow(/unknown migration version 99/);
  });

  it('a migration that fails half-way leaves the database exactly as before it', async () => {
    copyMigrations(dir, 2);
    fs.writeFileSync(
      path.join(dir, '0003_broken.ts'),
      'export const up = `CREATE TABLE half (id INTEGER); INSERT INTO metrics_daily (service) VALUES (NULL);`;\nexport const down = ``;\n',
    );
    const migrations = await loadMigrations(dir);
    await migrateUp(db, migrations, { to: 2 });
    const before = snapshot(sqlite);
    await expect(migrateUp(db, migrations)).rejects.toThrow(/0003_broken failed: NOT NULL constraint failed.*rolled back, the database is at version 2/);
    expect(snapshot(sqlite)).toEqual(before);
  });

  it('a failing data step rolls back its SQL too', async () => {
    copyMigrations(dir, 1);
    fs.writeFileSync(
      path.join(dir, '0002_data_step.ts'),
      'export const up = `CREATE TABLE extra (id INTEGER)`;\nexport const down = `DROP TABLE extra`;\nexport function upData() { throw new Error("boom"); }\n',
    );
    const migrations = await loadMigrations(dir);
    await expect(migrateUp(db, migrations)).rejects.toThrow(/0002_data_step failed: boom/);
    expect(snapshot(sqlite).versions).toEqual([1]);
    expect(sqlite.prepare(`SELECT name FROM sqlite_master WHERE name = 'extra'`).get()).toBeUndefined();
  });

  it('refuses to run when an applied migration file was edited', async () => {
    copyMigrations(dir);
    await migrateUp(db, await loadMigrations(dir));
    const edited = path.join(dir, '0002_aggregation_tables.ts');
    fs.appendFileSync(edited, '// tweak\n');
    const migrations = await loadMigrations(dir);
    await expect(migrateUp(db, migrations)).rejects.toThrow(MigrationError);
    await expect(migrateUp(db, migrations)).rejects.toThrow(/0002_aggregation_tables was edited after it was applied/);
    await expect(migrateDown(db, migrations, 0)).rejects.toThrow(/0002_aggregation_tables was edited/);
  });

  it('rejects down targets above the current version or never applied', async () => {
    const migrations = await loadMigrations();
    await migrateUp(db, migrations, { to: 2 });
    await expect(migrateDown(db, migrations, 3)).rejects.toThrow(/at version 2; cannot go down to 3/);
    await expect(migrateDown(db, migrations, -1)).rejects.toThrow(/whole number/);
  });

  it('create writes the next numbered template, which applies and reverts cleanly', async () => {
    copyMigrations(dir);
    const [file] = createMigration('Add user preferences', [dir]);
    const last = Math.max(...(await loadMigrations()).map((m) => m.version));
    expect(path.basename(file)).toBe(`${String(last + 1).padStart(4, '0')}_add_user_preferences.ts`);
    expect(() => createMigration('1 bad name!', [dir])).toThrow(/migration name/);
    const migrations = await loadMigrations(dir);
    expect((await migrateUp(db, migrations)).at(-1)?.name).toBe('add_user_preferences');
    expect((await migrateDown(db, migrations, last)).map((m) => m.version)).toEqual([last + 1]);
  });
});

/**
 * Migration 0014 on `db` (at version 0): tool rows written before it get method and client_name from their
 * metrics row where the two match one to one, NULL otherwise; its down drops both columns and keeps the rows.
 */
async function checkToolMethodClientBackfill(db: Db, migrations: Migration[]): Promise<void> {
  await migrateUp(db, migrations, { to: 13 });
  const at = '2026-03-10T12:00:00.000Z';
  const metric = (requestId: string, dimensions: object, type = 'tool_execution') => [requestId, 'mcp-github', type, at, 1, JSON.stringify(dimensions)];
  const tool = (requestId: string, toolName: string | null) => [requestId, at, 'mcp-github', toolName];
  await writeTransaction(db, async (tx) => {
    for (const row of [
      metric('req_one', { tool_name: 'search', method: 'tools/call', client_name: 'claude' }),
      // Two calls of one tool at one instant: which tool row was which is unknown. The other tool is told apart by its name.
      metric('req_two', { tool_name: 'search', method: 'tools/call', client_name: 'claude' }),
      metric('req_two', { tool_name: 'search', method: 'tools/list', client_name: 'claude' }),
      metric('req_two', { tool_name: 'fetch', method: 'tools/call', client_name: 'cursor' }),
      // A method sent as a number is not filled in; the client is.
      metric('req_three', { method: 5, client_name: 'cursor' }),
      // Not a tool execution: req_four's tool row has no metrics row left (another retention).
      metric('req_four', { method: 'jwt', client_name: 'claude' }, 'auth_request'),
    ]) {
      await tx.run(`INSERT INTO metrics (request_id, service, metric_type, timestamp, value, dimensions) VALUES (?, ?, ?, ?, ?, ?)`, row);
    }
    for (const row of [
      tool('req_one', 'search'),
      tool('req_two', 'search'),
      tool('req_two', 'search'),
      tool('req_two', 'fetch'),
      tool('req_three', null),
      tool('req_four', 'x'),
    ]) {
      await tx.run(`INSERT INTO tool_metrics (request_id, timestamp, service, tool_name) VALUES (?, ?, ?, ?)`, row);
    }
  });
  const migration = migrations.find((m) => m.version === 14)!;
  expect(migration.name).toBe('tool_method_client');
  await migrateUp(db, migrations, { to: 14 });
  expect(await db.all(`SELECT request_id AS "requestId", tool_name AS "toolName", method, client_name AS "clientName" FROM tool_metrics ORDER BY id`)).toEqual([
    { requestId: 'req_one', toolName: 'search', method: 'tools/call', clientName: 'claude' },
    { requestId: 'req_two', toolName: 'search', method: null, clientName: null },
    { requestId: 'req_two', toolName: 'search', method: null, clientName: null },
    { requestId: 'req_two', toolName: 'fetch', method: 'tools/call', clientName: 'cursor' },
    { requestId: 'req_three', toolName: null, method: null, clientName: 'cursor' },
    { requestId: 'req_four', toolName: 'x', method: null, clientName: null },
  ]);

  await migrateDown(db, migrations, 13);
  expect(await db.all(`SELECT request_id AS "requestId", tool_name AS "toolName" FROM tool_metrics ORDER BY id`)).toHaveLength(6);
  // Every table named tool_metrics*: on PostgreSQL the partitions too.
  const columns =
    db.engine === 'sqlite'
      ? `SELECT name FROM pragma_table_info('tool_metrics') WHERE name IN ('method', 'client_name')`
      : `SELECT column_name AS name FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name LIKE 'tool\\_metrics%' AND column_name IN ('method', 'client_name')`;
  expect(await db.all(columns)).toEqual([]);
}

/** Runs `check` on a new SQLite file and (with TEST_DATABASE_URL) a scratch PostgreSQL database, each with its engine's migrations. */
function onEachEngine(check: (db: Db, migrations: Migration[]) => Promise<void>): void {
  it('on SQLite', async () => {
    const { dir, cleanup } = tempDir();
    const db = SqliteDb.open(path.join(dir, 'metrics.db'));
    try {
      await check(db, await loadMigrations());
    } finally {
      await db.close();
      cleanup();
    }
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('on PostgreSQL', async () => {
    const scratch = await scratchPostgresDatabase();
    const db = PostgresDb.open(scratch.url, { poolSize: 1 });
    try {
      await check(db, await loadMigrations(migrationsDir('postgres')));
    } finally {
      await db.close();
      await scratch.drop();
    }
  });
}

describe('0014 fills method and client_name of the tool rows written before it', () => {
  onEachEngine(async (db, migrations) => {
    if (db.engine === 'postgres') {
      // Every month partition gets the columns: up all the way, then back to 0 for the check.
      await migrateUp(db, migrations);
      const partitions = await db.all<{ n: number }>(
        `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = current_schema() AND table_name LIKE 'tool\\_metrics\\_%' AND column_name = 'client_name'`,
      );
      expect(partitions[0]!.n).toBeGreaterThanOrEqual(13);
      await migrateDown(db, migrations, 0);
    }
    await checkToolMethodClientBackfill(db, migrations);
  });
});

/**
 * Migration 0016 on `db` (at version 0): each group of dimension rows written before it (dimension, service,
 * type, hour) gets a total row of its rows' counts and merged sketches; its down takes the totals out again.
 */
async function checkDimensionTotalsBackfill(db: Db, migrations: Migration[]): Promise<void> {
  await migrateUp(db, migrations, { to: 15 });
  const sketchOf = (...durations: number[]) => serializeSketch(durations.reduce(addToSketch, emptySketch()));
  const hour = '2026-03-10T12:00:00Z';
  const rows = [
    ['tool', 'mcp-github', 'tool_execution', hour, 'search', 3, 2, 1, 3, 600, sketchOf(100, 200, 300)],
    ['tool', 'mcp-github', 'tool_execution', hour, 'issue', 2, 2, 0, 1, 50, sketchOf(50)],
    ['tool', 'mcp-github', 'tool_execution', '2026-03-10T13:00:00Z', 'search', 1, 1, 0, 0, 0, null],
    ['tool', 'mcp-search', 'tool_execution', hour, 'fetch', 1, 0, 1, 1, 900, sketchOf(900)],
    ['client', 'mcp-github', 'tool_execution', hour, 'claude', 5, 4, 1, 4, 650, sketchOf(100, 200, 300, 50)],
  ];
  await writeTransaction(db, async (tx) => {
    for (const row of rows) {
      await tx.run(
        `INSERT INTO metrics_dimension_hourly (dimension, service, metric_type, hour_timestamp, value, count, success_count, failure_count, duration_count,
           sum_duration_ms, duration_sketch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        row,
      );
    }
  });
  const stored = () =>
    db.all<Record<string, unknown>>(
      `SELECT dimension, service, value, count, success_count AS "successCount", failure_count AS "failureCount", duration_count AS "durationCount",
         sum_duration_ms AS "sumDurationMs", duration_sketch AS "durationSketch"
       FROM metrics_dimension_hourly ORDER BY dimension, service, hour_timestamp, value`,
    );
  const before = await stored();
  await migrateUp(db, migrations, { to: 16 });
  const totals = (await stored()).filter((r) => r.value === TOTAL_VALUE).map((r) => Object.values(r));
  const merged = sketchOf(100, 200, 300, 50);
  expect(totals).toEqual([
    ['client', 'mcp-github', TOTAL_VALUE, 5, 4, 1, 4, 650, merged],
    ['tool', 'mcp-github', TOTAL_VALUE, 5, 4, 1, 4, 650, merged],
    ['tool', 'mcp-github', TOTAL_VALUE, 1, 1, 0, 0, 0, null],
    ['tool', 'mcp-search', TOTAL_VALUE, 1, 0, 1, 1, 900, sketchOf(900)],
  ]);
  await migrateDown(db, migrations, 15);
  expect(await stored()).toEqual(before);
}

describe('0016 adds the total row of each dimension group written before it', () => {
  onEachEngine(checkDimensionTotalsBackfill);
});

describe('migrate CLI', () => {
  const cli = (dbFile: string, ...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'cli/index.ts', 'migrate', ...args, '--db', dbFile], { cwd: path.resolve(__dirname, '..') }).then(
      ({ stdout }) => ({ code: 0, out: stdout }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, out: error.stdout + error.stderr }),
    );

  it('applies, reports and reverts; bad arguments exit non-zero and change nothing', async () => {
    const { dir, cleanup } = tempDir();
    const file = path.join(dir, 'cli.db');
    try {
      expect(await cli(file, 'up', '--to', '3')).toMatchObject({ code: 0, out: expect.stringContaining('now at version 3') });
      const status = await cli(file, 'status');
      expect(status.code).toBe(0);
      expect(status.out).toMatch(/current version: 3/);
      expect(status.out).toMatch(/pending: 0004_api_key_usage_tracking/);

      for (const args of [['sideways'], ['down', 'two'], ['down', '7'], ['up', '--to', 'x'], ['up', '--bogus'], ['create']]) {
        const result = await cli(file, ...args);
        expect(result.code, args.join(' ')).toBe(2);
        expect(result.out, args.join(' ')).toMatch(/error: /);
      }
      expect((await cli(file, 'status')).out).toMatch(/current version: 3/);

      expect(await cli(file, 'down', '1', '--yes')).toMatchObject({ code: 0, out: expect.stringContaining('reverted 0002_aggregation_tables') });
      expect((await cli(file, 'list')).out).toMatch(/applied {2}0001_initial_schema[\s\S]*pending {2}0002_aggregation_tables/);
    } finally {
      cleanup();
    }
  });
});
