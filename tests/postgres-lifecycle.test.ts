import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run as backup } from '../cli/backup';
import { run as dbCli } from '../cli/db';
import { writeTransaction } from '../db/client';
import { countRows } from '../db/queries/database';
import { detachedExpiredTables, detachPartition, markPartitionExpired, rangePartitions } from '../db/queries/partitions';
import { tableStats } from '../db/queries/server-stats';
import { PostgresDb } from '../db/postgres-client';
import { createPostgresBackup } from '../lib/backup/create-postgres';
import { listBackups } from '../lib/backup/files';
import { reloadConfig } from '../lib/config/config';
import { migrationsFor } from '../lib/migrate/load';
import { migrationLabel } from '../lib/migrate/migration';
import { migrateUp } from '../lib/migrate/up';
import { applyRetentionCleanup } from '../lib/retention/apply-cleanup';
import { ensurePartitionsAhead } from '../lib/retention/ensure-partitions';
import { listRetentionRuns } from '../lib/retention/list-runs';
import { updateRetentionPolicy } from '../lib/retention/update-policy';
import { startServerLifecycle } from '../lib/schedule/lifecycle';
import { scratchPostgresDatabase } from './helpers/engine';
import { seedMetricsThrough } from './helpers/lifecycle';
import { tempDir } from './helpers/tempdb';

const url = process.env.TEST_DATABASE_URL;
if (!url) console.warn('[postgres-lifecycle] TEST_DATABASE_URL is not set: the PostgreSQL backup, db check and partition retention tests are skipped');

/** `YYYY-MM` of the month `offset` months from now (UTC), as partition names spell it (`_` for `-`). */
const monthFromNow = (offset: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 7).replace('-', '_');
};

// Each backup is dumped, then test-restored into a scratch database: a few seconds apiece on a busy machine.
describe.skipIf(!url)('PostgreSQL lifecycle: backups, db check, partitions', { timeout: 120_000 }, () => {
  let scratch: { url: string; drop: () => Promise<void> };
  let db: PostgresDb;
  let dir: string;
  let removeDir: () => void;
  let printed: string[];
  /** The newest migration: what a migrated database is at. */
  let latest: number;

  /** A new scratch database at `version` (default: every migration). */
  async function migrated(version?: number): Promise<{ url: string; drop: () => Promise<void>; db: PostgresDb }> {
    const created = await scratchPostgresDatabase();
    const opened = PostgresDb.open(created.url, { poolSize: 4 });
    await migrateUp(opened, await migrationsFor(opened), version === undefined ? {} : { to: version });
    return { ...created, db: opened };
  }

  const count = async (table: string) => countRows(db, table);
  const partitionNames = async () => (await rangePartitions(db, 'metrics', 'created_at')).map((p) => p.name);

  beforeEach(async () => {
    ({ db, ...scratch } = await migrated());
    latest = Math.max(...(await migrationsFor(db)).map((m) => m.version));
    ({ dir, cleanup: removeDir } = tempDir());
    vi.stubEnv('BACKUP_DIR', dir);
    reloadConfig();
    printed = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(String(line)));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    reloadConfig();
    vi.useRealTimers();
    await db.close().catch(() => undefined); // a test that failed may have closed it already
    await scratch.drop();
    removeDir();
  });

  it('backs up with pg_dump, verifies by listing and a scratch restore, and restores in one transaction, keeping the replaced data', async () => {
    await seedMetricsThrough(db, 300, '2026-01-15 10:00:00');
    await seedMetricsThrough(db, 200, new Date().toISOString().slice(0, 19).replace('T', ' '));
    await writeTransaction(db, (tx) => tx.run(`INSERT INTO api_keys (key_hash, service_name, created_at) VALUES ('h1', 'svc', now())`));

    expect((await backup(['create', '--db', scratch.url, '--out', dir])) ?? 0).toBe(0);
    const file = printed[0]!.replace(/^backup /, '');
    expect(path.dirname(file)).toBe(dir);
    expect(listBackups(dir, scratch.url)).toEqual([file]);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP');
    expect(printed[1]).toMatch(
      new RegExp(
        `^size \\d+\\.\\d\\d MB pg_dump custom format \\(database \\d+\\.\\d\\d MB\\), schema version ${latest}, verified: listed and restored into a scratch database$`,
      ),
    );
    expect(printed).toContain('rows:');
    expect(printed.find((l) => /^ {2}metrics /.test(l))).toMatch(/ 500$/);
    expect(printed.find((l) => /^ {2}api_keys /.test(l))).toMatch(/ 1$/);

    printed.length = 0;
    await backup(['verify', file, '--db', scratch.url]);
    expect(printed[0]).toMatch(
      new RegExp(
        `pg_dump custom format of mcp_test_\\w+ \\(PostgreSQL 1\\d\\.\\d+.*\\), \\d+ entries listed; restored into a scratch database: schema version ${latest},`,
      ),
    );
    expect(printed.find((l) => /^ {2}metrics /.test(l))).toMatch(/ 500$/);

    // The database moves on after the backup: rows deleted, others added.
    await writeTransaction(db, async (tx) => {
      await tx.run(`DELETE FROM metrics WHERE created_at < '2026-02-01'`);
      await tx.run(`INSERT INTO api_keys (key_hash, service_name, created_at) VALUES ('h2', 'svc', now())`);
    });
    expect(await count('metrics')).toBe(200);

    // Refused while anyone else is connected: this test's own pool is.
    await expect(backup(['restore', file, '--db', scratch.url])).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/other session\(s\) are connected/),
    });
    await db.close();
    printed.length = 0;
    expect((await backup(['restore', file, '--db', scratch.url])) ?? 0).toBe(0);
    expect(printed[0]).toBe(`restored ${file} to ${new URL(scratch.url).toString()}`);
    const kept = /^the replaced database was kept as (.+)$/.exec(printed[1]!)![1]!;
    expect(path.basename(kept)).toMatch(/^mcp_test_\w+-before-restore-\d{8}_\d{6}_\d{3}\.dump$/);
    expect(listBackups(dir, scratch.url)).toEqual([file]); // the kept copy is not a scheduled backup: never pruned
    expect(printed.find((l) => /^ {2}metrics /.test(l))).toMatch(/ 500$/);

    db = PostgresDb.open(scratch.url, { poolSize: 4 });
    expect(await count('metrics')).toBe(500);
    expect(await count('api_keys')).toBe(1);
    expect(await partitionNames()).toContain('metrics_2026_01');
    expect(await partitionNames()).toContain(`metrics_${monthFromNow(12)}`);
    // Identity sequences continue after the restored rows.
    const next = await writeTransaction(db, (tx) =>
      tx.get<{ id: number }>(`INSERT INTO api_keys (key_hash, service_name, created_at) VALUES ('h3', 's', now()) RETURNING id`),
    );
    expect(next!.id).toBe(2);

    // What the database held before the restore came back whole from the kept copy.
    await db.close();
    printed.length = 0;
    await backup(['restore', kept, '--db', scratch.url]);
    db = PostgresDb.open(scratch.url, { poolSize: 4 });
    expect(await count('metrics')).toBe(200);
    expect(await count('api_keys')).toBe(2);
  });

  it('restores an older schema version over a newer database and migrates it, leaving nothing of the newer one behind', async () => {
    const old = await migrated(5);
    try {
      await seedMetricsThrough(old.db, 42, '2026-03-01 00:00:00');
      const made = await createPostgresBackup(old.url, { outDir: dir });
      expect(made).toMatchObject({ schemaVersion: 5, rowCounts: expect.objectContaining({ metrics: 42 }) });
      await db.close();
      expect((await backup(['restore', made.file, '--to', scratch.url])) ?? 0).toBe(0);
      const newer = (await migrationsFor(db)).filter((m) => m.version > 5).map((m) => `applied migration ${migrationLabel(m)}`);
      expect(newer[0]).toBe('applied migration 0006_rollup_statistics');
      expect(printed.filter((l) => l.startsWith('applied migration '))).toEqual(newer);
      db = PostgresDb.open(scratch.url, { poolSize: 4 });
      expect(await count('metrics')).toBe(42);
      expect((await db.get<{ v: number }>(`SELECT max(version) AS v FROM schema_migrations`))!.v).toBe(latest);
    } finally {
      await old.db.close();
      await old.drop();
    }
  });

  it('refuses files that are not sound dumps and changes nothing', async () => {
    await seedMetricsThrough(db, 10, '2026-01-15 10:00:00');
    const made = await createPostgresBackup(scratch.url, { outDir: dir });
    // A dump that lists but does not restore: a check whose function reads a table without its schema
    // fails under the empty search_path pg_restore runs with (a classic of hand-added objects).
    await writeTransaction(db, (tx) =>
      tx.exec(`CREATE FUNCTION service_known(name text) RETURNS boolean LANGUAGE sql AS $$ SELECT EXISTS (SELECT 1 FROM api_keys WHERE service_name = name) $$;
               INSERT INTO api_keys (key_hash, service_name, created_at) VALUES ('h1', 'svc', now());
               CREATE TABLE checked (service text CHECK (service_known(service)));
               INSERT INTO checked VALUES ('svc');`),
    );
    const unrestorable = (await createPostgresBackup(scratch.url, { outDir: path.join(dir, 'bad') }).catch((error: Error) => error)) as Error;
    expect(unrestorable.message).toMatch(
      /^the dump failed its verification and was deleted: it does not restore into an empty database \(pg_restore failed: .*relation "api_keys" does not exist/s,
    );
    expect(fs.readdirSync(path.join(dir, 'bad'))).toEqual([]);
    const truncated = path.join(dir, 'truncated.dump');
    fs.writeFileSync(truncated, fs.readFileSync(made.file).subarray(0, Math.floor(fs.statSync(made.file).size / 2)));
    const junk = path.join(dir, 'junk.dump');
    fs.writeFileSync(junk, 'PGDMP but not really a dump');
    await writeTransaction(db, (tx) => tx.run(`DELETE FROM metrics`));
    await db.close();

    await expect(backup(['verify', junk, '--db', scratch.url])).rejects.toThrow(
      /junk\.dump failed its verification: it is not a readable pg_dump custom-format file/,
    );
    await expect(backup(['restore', truncated, '--db', scratch.url])).rejects.toThrow(
      /truncated\.dump failed its verification; nothing was replaced: it is not a readable pg_dump custom-format file \(pg_restore failed: .*end of file/,
    );
    await expect(backup(['restore', made.file, '--to', path.join(dir, 'x.db')])).rejects.toThrow(
      /is a PostgreSQL dump \(pg_dump custom format\): --to must name a PostgreSQL database/,
    );
    await expect(backup(['verify', made.file, '--db', path.join(dir, 'x.db')])).rejects.toThrow(
      /verifying it restores it into a scratch database, which needs a PostgreSQL server/,
    );
    db = PostgresDb.open(scratch.url, { poolSize: 4 });
    expect(await count('metrics')).toBe(0);
    expect(await count('checked')).toBe(1);
    expect(fs.readdirSync(dir).sort()).toEqual([path.basename(made.file), 'bad', 'junk.dump', 'truncated.dump'].sort());
  });

  it('says which client tool is missing, and keeps no partial file', async () => {
    const empty = path.join(dir, 'no-tools');
    fs.mkdirSync(empty);
    vi.stubEnv('PATH', empty);
    const out = path.join(dir, 'out');
    await expect(backup(['create', '--db', scratch.url, '--out', out])).rejects.toThrow(
      /^pg_dump was not found on PATH: backups of a PostgreSQL database need PostgreSQL's client tools pg_dump, pg_restore and psql.*apt-get install postgresql-client/,
    );
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it('db check reports connectivity, versions, sizes with partitions, dead rows, and months without a partition', async () => {
    // Autovacuum visits a new database soon (the more databases, the sooner): kept off this month's partition, its dead rows stay.
    await writeTransaction(db, (tx) => tx.exec(`ALTER TABLE metrics_${monthFromNow(0)} SET (autovacuum_enabled = false)`));
    // One session of its own that ends: a session hands its row counts to the statistics collector when it
    // ends (else when idle, some seconds later), and a delete counted before its inserts would be lost.
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO metrics (request_id, service, metric_type, timestamp, value) SELECT 'r', 's', 't', now(), i FROM generate_series(0, 999) AS i`,
      );
      await client.query(`DELETE FROM metrics WHERE value < 600`);
    } finally {
      await client.end();
    }
    await vi.waitFor(async () => expect((await tableStats(db)).find((t) => t.table === 'metrics')).toMatchObject({ liveRows: 400, deadRows: 600 }), {
      timeout: 10_000,
      interval: 100,
    });

    expect(await dbCli(['check', '--db', scratch.url])).toBe(0);
    expect(printed[0]).toBe(`database: ${new URL(scratch.url).toString()}`);
    expect(printed[1]).toMatch(/^connectivity: ok, PostgreSQL 1\d\.\d+.*, answered in \d+\.\d ms$/);
    expect(printed[2]).toBe(`schema version: ${latest} (up to date)`);
    const metricsLine = printed.find((l) => /^ {2}metrics /.test(l))!;
    expect(metricsLine).toMatch(/^ {2}metrics +\d+\.\d\d MB +13 partitions +until \d{4}-\d\d-01 +400 live +600 dead \(60% of rows\)$/);
    expect(printed.find((l) => /^ {2}api_keys /.test(l))).toMatch(/^ {2}api_keys +\d+\.\d\d MB +0 live +0 dead$/);
    expect(printed).toContain("bloat: 1 table(s) over autovacuum's threshold (50 + 20% of live rows)");
    expect(printed.some((l) => l.startsWith('  metrics: 600 dead rows, last vacuumed never; VACUUM (ANALYZE) metrics reclaims them'))).toBe(true);

    // Without next month's partition, the inserts of next month would fail: a problem, exit 1.
    await writeTransaction(db, (tx) => tx.exec(`DROP TABLE metrics_${monthFromNow(1)}`));
    printed.length = 0;
    expect(await dbCli(['check', '--db', scratch.url])).toBe(1);
    expect(printed.at(-1)).toBe(
      `problem: metrics has no partition for ${monthFromNow(1).replace('_', '-')}: its inserts then fail; the scheduler of npm start creates 12 months ahead every day (is a server running?)`,
    );
  });

  it('retention drops the expired month partitions whole and deletes exactly the expired rows of the straddling month', async () => {
    // Cutoff of a 30-day policy at NOW: 2026-02-13 12:00:00.
    const NOW = new Date('2026-03-15T12:00:00.000Z');
    await updateRetentionPolicy(db, { table: 'metrics', retentionDays: 30 }, 'test');
    const seeded: [string, number][] = [
      ['2025-12-10 08:00:00', 100],
      ['2026-01-31 23:59:59', 150],
      ['2026-02-05 00:00:00', 70],
      ['2026-02-13 11:59:59', 5],
      ['2026-02-13 12:00:00', 7], // exactly at the cutoff: kept
      ['2026-02-20 00:00:00', 40],
      ['2026-03-01 00:00:00', 30],
    ];
    for (const [createdAt, n] of seeded) await seedMetricsThrough(db, n, createdAt);
    expect(await partitionNames()).toEqual(expect.arrayContaining(['metrics_2025_12', 'metrics_2026_01', 'metrics_2026_02', 'metrics_2026_03']));

    const dry = await applyRetentionCleanup(db, { dryRun: true, table: 'metrics', actor: 'test', now: NOW });
    expect(dry.tables[0]).toMatchObject({ expiredRows: 325, deletedRows: 0, droppedPartitions: [] });
    expect(await partitionNames()).toContain('metrics_2025_12');

    const progress: number[] = [];
    const result = await applyRetentionCleanup(db, { dryRun: false, table: 'metrics', actor: 'test', now: NOW, onProgress: (p) => progress.push(p.deleted) });
    expect(result.tables[0]).toMatchObject({ table: 'metrics', cutoff: '2026-02-13 12:00:00', expiredRows: 325, deletedRows: 325 });
    expect(result.tables[0]!.droppedPartitions).toEqual(['metrics_2025_12', 'metrics_2026_01']);
    expect(progress.slice(0, 2)).toEqual([100, 250]);
    expect(progress.at(-1)).toBe(325);
    const left = await partitionNames();
    expect(left).not.toContain('metrics_2025_12');
    expect(left).not.toContain('metrics_2026_01');
    expect(left.slice(0, 2)).toEqual(['metrics_2026_02', 'metrics_2026_03']);
    // Gone, not merely detached: no table of that name is left in the schema.
    expect(await db.get(`SELECT 1 FROM pg_class WHERE relname IN ('metrics_2025_12', 'metrics_2026_01')`)).toBeUndefined();
    expect(await countRows(db, 'metrics_2026_02')).toBe(47);
    expect(await count('metrics')).toBe(77);
    expect(await db.get(`SELECT count(*) AS n FROM metrics WHERE created_at < '2026-02-13 12:00:00'`)).toEqual({ n: 0 });
    expect((await listRetentionRuns(db, 1))[0]).toMatchObject({ status: 'succeeded', deletedCounts: { metrics: 325 }, totalDeleted: 325 });

    const again = await applyRetentionCleanup(db, { dryRun: false, table: 'metrics', actor: 'test', now: NOW });
    expect(again.tables[0]).toMatchObject({ expiredRows: 0, deletedRows: 0, droppedPartitions: [] });
  });

  it('finishes a partition drop that a dead process left after its detach, and a detach it left pending', async () => {
    await seedMetricsThrough(db, 20, '2025-11-10 00:00:00');
    await seedMetricsThrough(db, 30, '2025-10-10 00:00:00');
    // As if the process died after detaching metrics_2025_10 (marked, detached, not dropped).
    await writeTransaction(db, (tx) => markPartitionExpired(tx, 'metrics_2025_10'));
    const [october] = (await rangePartitions(db, 'metrics', 'created_at')).filter((p) => p.name === 'metrics_2025_10');
    await detachPartition(db, 'metrics', october!);
    expect(await detachedExpiredTables(db)).toEqual(['metrics_2025_10']);
    // ... and as if one died half way through DETACH CONCURRENTLY of metrics_2025_11 (pending).
    await writeTransaction(db, (tx) => tx.exec(`UPDATE pg_inherits SET inhdetachpending = true WHERE inhrelid = 'metrics_2025_11'::regclass`));

    const result = await applyRetentionCleanup(db, { dryRun: false, table: 'metrics', actor: 'test', now: new Date('2026-03-15T12:00:00.000Z') });
    expect(result.tables[0]).toMatchObject({ deletedRows: 20, droppedPartitions: ['metrics_2025_11'] });
    expect(await detachedExpiredTables(db)).toEqual([]);
    expect(await db.get(`SELECT 1 FROM pg_class WHERE relname IN ('metrics_2025_10', 'metrics_2025_11')`)).toBeUndefined();
  });

  it('creates the month partitions ahead that are missing, and gives up quickly on a table someone holds', async () => {
    const last = `metrics_${monthFromNow(12)}`;
    await writeTransaction(db, (tx) => tx.exec(`DROP TABLE ${last}; DROP TABLE auth_metrics_${monthFromNow(11)}`));
    expect(await ensurePartitionsAhead(db)).toEqual({ created: [`auth_metrics_${monthFromNow(11)}`, last], busy: [] });
    expect(await ensurePartitionsAhead(db)).toEqual({ created: [], busy: [] });

    await writeTransaction(db, (tx) => tx.exec(`DROP TABLE ${last}`));
    const holder = new pg.Client({ connectionString: scratch.url });
    await holder.connect();
    try {
      await holder.query(`BEGIN; SELECT count(*) FROM metrics;`); // a long reader holds ACCESS SHARE on metrics
      const started = performance.now();
      expect(await ensurePartitionsAhead(db)).toEqual({ created: [], busy: ['metrics'] });
      expect(performance.now() - started).toBeLessThan(1000);
      await holder.query('COMMIT');
    } finally {
      await holder.end();
    }
    expect(await ensurePartitionsAhead(db)).toEqual({ created: [last], busy: [] });
  });

  it('the server lifecycle backs PostgreSQL up with pg_dump and creates missing partitions on schedule', async () => {
    await writeTransaction(db, (tx) => tx.exec(`DROP TABLE tool_metrics_${monthFromNow(12)}`));
    vi.stubEnv('DATABASE_URL', scratch.url);
    vi.stubEnv('RETENTION_INTERVAL_HOURS', '0');
    vi.stubEnv('BACKUP_INTERVAL_HOURS', '24');
    reloadConfig();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const lines: string[] = [];
    const stop = startServerLifecycle(db, (line) => lines.push(line));
    try {
      await vi.advanceTimersByTimeAsync(61_000);
      await vi.waitFor(() => expect(lines.filter((l) => /^\[(backup|partitions)\]/.test(l))).toHaveLength(2), { timeout: 30_000, interval: 200 });
    } finally {
      stop();
    }
    expect(lines[0]).toBe(`[serve] retention schedule off; backups every 24 h to ${dir}`);
    const [backedUp] = listBackups(dir, scratch.url);
    expect(lines).toContain(`[backup] ${backedUp} (${fs.statSync(backedUp!).size} bytes, verified by a test restore)`);
    expect(lines).toContain(`[partitions] created tool_metrics_${monthFromNow(12)}`);
  });
});
