import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../db/client';
import type { Sqlite } from '../db/sqlite-file';
import { listAuditRows } from '../db/queries/audit-log';
import { UserError } from '../lib/errors';
import { applyRetentionCleanup } from '../lib/retention/apply-cleanup';
import { cutoffFor, formatInstant } from '../lib/retention/cutoff';
import { getRetentionPolicies } from '../lib/retention/get-policies';
import { listRetentionRuns } from '../lib/retention/list-runs';
import { Pacer } from '../lib/retention/pacer';
import { INTERRUPTED } from '../lib/retention/settle-interrupted-runs';
import { previewRetention } from '../lib/retention/preview';
import { RETENTION_TABLES, RETENTION_TABLE_NAMES, type RetentionTable } from '../lib/retention/tables';
import { updateRetentionPolicy } from '../lib/retention/update-policy';
import { migratedDatabase } from './helpers/tempdb';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const SECOND = 1000;
const DAY = 86_400_000;

/** One row of `table` whose aging column holds `aged`; the other NOT NULL columns get fillers. */
function insertAged(db: Sqlite, table: RetentionTable, aged: string): number {
  const column = RETENTION_TABLES[table].column;
  const filler: Record<RetentionTable, Record<string, unknown>> = {
    metrics: { request_id: 'r', service: 's', metric_type: 't', timestamp: aged, value: 1 },
    auth_metrics: { request_id: 'r', service: 's', timestamp: aged },
    discovery_metrics: { request_id: 'r', service: 's', timestamp: aged },
    tool_metrics: { request_id: 'r', service: 's', timestamp: aged },
    metrics_minutely: { service: 's', metric_type: `t${Math.random()}` },
    metrics_5min: { service: 's', metric_type: `t${Math.random()}` },
    metrics_hourly: { service: 's', metric_type: `t${Math.random()}` },
    metrics_daily: { service: 's', metric_type: `t${Math.random()}` },
    metrics_dimension_hourly: { dimension: 'tool', value: `v${Math.random()}`, service: 's', metric_type: 't' },
    api_key_usage_log: { key_hash: 'hash-1', service_name: 's', endpoint: '/metrics' },
    alert_events: {
      rule_id: 1,
      rule_name: 'r',
      service: 's',
      metric_type: 't',
      condition: 'p95_ms',
      threshold: 1,
      window_minutes: 5,
      webhook_url: 'http://h/',
      state: 'resolved',
      delivery_status: 'delivered',
    },
  };
  const row = { ...filler[table], [column]: aged };
  const names = Object.keys(row);
  return Number(
    db.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...Object.values(row)).lastInsertRowid,
  );
}

/** For each table: a row just older than its cutoff, one exactly at it, one just newer (ids), planted through `sqlite`. */
async function seedAroundCutoffs(db: Db, sqlite: Sqlite) {
  sqlite.prepare(`INSERT INTO api_keys (key_hash, service_name, created_at) VALUES ('hash-1', 's', '2026-01-01T00:00:00Z')`).run();
  const seeded = {} as Record<RetentionTable, { older: number; atCutoff: number; newer: number }>;
  for (const p of await getRetentionPolicies(db)) {
    const table = p.table as RetentionTable;
    const { format } = RETENTION_TABLES[table];
    const cutoff = new Date(NOW.getTime() - p.retentionDays * DAY);
    // NOW is on the hour, so every cutoff is too: step one unit (bucket, day or second) either side.
    const buckets: Partial<Record<RetentionTable, { step: number; keyLength: number }>> = {
      metrics_minutely: { step: 60 * SECOND, keyLength: 16 },
      metrics_5min: { step: 300 * SECOND, keyLength: 16 },
      metrics_hourly: { step: 3600 * SECOND, keyLength: 13 },
    };
    const bucket = buckets[table];
    const step = bucket?.step ?? (format === 'date' ? DAY : SECOND);
    const render = (offset: number) => {
      const instant = new Date(cutoff.getTime() + offset * step);
      return bucket
        ? `${formatInstant(instant, 'iso').slice(0, bucket.keyLength)}${bucket.keyLength === 13 ? ':00:00Z' : ':00Z'}`
        : formatInstant(instant, format);
    };
    const [olderValue, atValue, newerValue] = [render(-1), render(0), render(1)];
    seeded[table] = {
      older: insertAged(sqlite, table, olderValue),
      atCutoff: insertAged(sqlite, table, atValue),
      newer: insertAged(sqlite, table, newerValue),
    };
  }
  return seeded;
}

const ids = (db: Sqlite, table: string) => db.prepare(`SELECT id FROM ${table} ORDER BY id`).pluck().all();

describe('retention', () => {
  let db: Db;
  let sqlite: Sqlite;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ db, sqlite, cleanup } = await migratedDatabase()));
  afterEach(() => cleanup());

  it('writes cutoffs in each aging column’s stored format', () => {
    // created_at comes from datetime('now'); the cutoff must compare as text against exactly that shape.
    insertAged(sqlite, 'metrics', '2026-01-01 00:00:00');
    sqlite.prepare(`INSERT INTO auth_metrics (request_id, service, timestamp) VALUES ('r', 's', 'x')`).run();
    const stored = sqlite.prepare(`SELECT created_at FROM auth_metrics`).pluck().get() as string;
    expect(stored).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(cutoffFor('metrics', 90, NOW)).toBe('2026-03-03 12:00:00');
    expect(cutoffFor('metrics_hourly', 365, NOW)).toBe('2025-06-01T12:00:00.000Z');
    expect('2025-06-01T11:00:00Z' < cutoffFor('metrics_hourly', 365, NOW)).toBe(true);
    expect('2025-06-01T12:00:00Z' < cutoffFor('metrics_hourly', 365, NOW)).toBe(false);
    expect(cutoffFor('metrics_daily', 1095, NOW)).toBe('2023-06-02');
    expect(cutoffFor('api_key_usage_log', 90, NOW)).toBe('2026-03-03T12:00:00.000Z');
  });

  it('deletes exactly the rows older than the cutoff in every table, and records the run', async () => {
    const seeded = await seedAroundCutoffs(db, sqlite);
    const preview = await previewRetention(db, { now: NOW });
    expect(preview.map((p) => [p.table, p.expiredRows, p.totalRows])).toEqual([...RETENTION_TABLE_NAMES].sort().map((t) => [t, 1, 3]));

    const result = await applyRetentionCleanup(db, { dryRun: false, actor: 'tester', now: NOW, pauseMs: 0 });
    expect(result.totalDeleted).toBe(RETENTION_TABLE_NAMES.length);
    for (const table of RETENTION_TABLE_NAMES) {
      expect(ids(sqlite, table), table).toEqual([seeded[table].atCutoff, seeded[table].newer]);
    }
    const [run] = await listRetentionRuns(db, 5);
    expect(run).toMatchObject({
      id: result.runId,
      status: 'succeeded',
      dryRun: false,
      triggeredBy: 'tester',
      totalDeleted: RETENTION_TABLE_NAMES.length,
      error: null,
    });
    expect(run!.deletedCounts).toEqual(Object.fromEntries(RETENTION_TABLE_NAMES.map((t) => [t, 1])));
    expect(run!.finishedAt).not.toBeNull();
    expect((await listAuditRows(db))[0]).toMatchObject({ actor: 'tester', action: 'retention.cleanup', target: 'all tables' });
  });

  it('a dry run deletes nothing, reports what would go, and writes no audit row', async () => {
    await seedAroundCutoffs(db, sqlite);
    const result = await applyRetentionCleanup(db, { dryRun: true, actor: 'tester', now: NOW, pauseMs: 0 });
    expect(result.tables.every((t) => t.expiredRows === 1 && t.deletedRows === 0)).toBe(true);
    for (const table of RETENTION_TABLE_NAMES) expect(ids(sqlite, table)).toHaveLength(3);
    expect((await listRetentionRuns(db, 1))[0]).toMatchObject({ dryRun: true, totalDeleted: 0, deletedCounts: { metrics: 1, metrics_daily: 1 } });
    expect(await listAuditRows(db)).toEqual([]);
  });

  it('skips a table whose policy is inactive and says so', async () => {
    const seeded = await seedAroundCutoffs(db, sqlite);
    await updateRetentionPolicy(db, { table: 'tool_metrics', retentionDays: 90, isActive: false }, 'admin@example.com');
    const result = await applyRetentionCleanup(db, { dryRun: false, actor: 'tester', now: NOW, pauseMs: 0 });
    expect(result.tables.find((t) => t.table === 'tool_metrics')).toMatchObject({ skipped: 'inactive', deletedRows: 0 });
    expect(ids(sqlite, 'tool_metrics')).toEqual(Object.values(seeded.tool_metrics));
    expect(ids(sqlite, 'metrics')).toHaveLength(2);
  });

  it('cleaning raw metrics leaves the hourly and daily rollups untouched', async () => {
    await seedAroundCutoffs(db, sqlite);
    const before = sqlite.prepare(`SELECT * FROM metrics_hourly UNION ALL SELECT * FROM metrics_daily`).all();
    const result = await applyRetentionCleanup(db, { dryRun: false, table: 'metrics', actor: 'tester', now: NOW, pauseMs: 0 });
    expect(result.tables.map((t) => t.table)).toEqual(['metrics']);
    expect(sqlite.prepare(`SELECT * FROM metrics_hourly UNION ALL SELECT * FROM metrics_daily`).all()).toEqual(before);
  });

  it('deletes in chunks, reporting progress after each, then vacuums freed pages', async () => {
    for (let i = 0; i < 10; i++) insertAged(sqlite, 'metrics', '2020-01-01 00:00:00');
    insertAged(sqlite, 'metrics', '2026-06-01 11:00:00');
    const progress: number[] = [];
    const result = await applyRetentionCleanup(db, {
      dryRun: false,
      table: 'metrics',
      actor: 'tester',
      now: NOW,
      chunkRows: 3,
      pauseMs: 0,
      onProgress: (p) => progress.push(p.deleted),
    });
    expect(progress).toEqual([3, 6, 9, 10]);
    expect(result.totalDeleted).toBe(10);
    expect(ids(sqlite, 'metrics')).toHaveLength(1);
    expect(sqlite.pragma('freelist_count', { simple: true })).toBe(0);
  });

  it('records a run that fails part-way as failed, with its error and what it had deleted', async () => {
    for (let i = 0; i < 10; i++) insertAged(sqlite, 'metrics', '2020-01-01 00:00:00');
    const stopAfterFirstChunk = () => {
      throw new Error('interrupted');
    };
    await expect(
      applyRetentionCleanup(db, { dryRun: false, table: 'metrics', actor: 'tester', now: NOW, chunkRows: 4, pauseMs: 0, onProgress: stopAfterFirstChunk }),
    ).rejects.toThrow('interrupted');
    expect((await listRetentionRuns(db, 1))[0]).toMatchObject({
      status: 'failed',
      error: 'interrupted',
      totalDeleted: 4,
      deletedCounts: { metrics: 4 },
      finishedAt: expect.any(String),
    });
    expect((await listAuditRows(db))[0]).toMatchObject({ action: 'retention.cleanup', after: expect.stringContaining('"status":"failed"') });
    expect(ids(sqlite, 'metrics')).toHaveLength(6);
  });

  it('closes runs left "running" by a process that died, and only those, when the next run starts', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const orphan = (owner: string | null) =>
      Number(
        sqlite
          .prepare(`INSERT INTO retention_runs (started_at, status, triggered_by, owner) VALUES ('2026-05-01T00:00:00Z', 'running', 'crashed', ?)`)
          .run(owner).lastInsertRowid,
      );
    const deadRun = orphan(`${os.hostname()}:${dead}`);
    const legacyRun = orphan(null);
    const liveRun = orphan(`${os.hostname()}:${process.pid}`);
    const remoteRun = orphan('another-host:1');

    await applyRetentionCleanup(db, { dryRun: true, actor: 'tester', now: NOW });
    const runs = await listRetentionRuns(db, 10);
    const status = (id: number) => runs.find((r) => r.id === id);
    expect(status(deadRun)).toMatchObject({ status: 'failed', error: INTERRUPTED, finishedAt: expect.any(String) });
    expect(status(legacyRun)).toMatchObject({ status: 'failed', error: INTERRUPTED });
    expect(status(liveRun)).toMatchObject({ status: 'running', error: null });
    expect(status(remoteRun)).toMatchObject({ status: 'running', error: null });
    expect((await listRetentionRuns(db, 1))[0]).toMatchObject({ status: 'succeeded', triggeredBy: 'tester' });
  });

  it('updates a policy with an audit row, keeping the active flag when none is given', async () => {
    await updateRetentionPolicy(db, { table: 'metrics', retentionDays: 120 }, 'admin@example.com');
    expect((await getRetentionPolicies(db)).find((p) => p.table === 'metrics')).toMatchObject({ retentionDays: 120, isActive: true, column: 'created_at' });
    await updateRetentionPolicy(db, { table: 'metrics', retentionDays: 30, isActive: false }, 'admin@example.com');
    expect((await getRetentionPolicies(db)).find((p) => p.table === 'metrics')).toMatchObject({ retentionDays: 30, isActive: false });
    // Stored as jsonb would keep it (shorter keys first), on both engines.
    expect((await listAuditRows(db)).map((r) => [r.action, r.target, r.before, r.after])).toEqual([
      ['retention.policy.update', 'metrics', '{"isActive":true,"retentionDays":120}', '{"isActive":false,"retentionDays":30}'],
      ['retention.policy.update', 'metrics', '{"isActive":true,"retentionDays":90}', '{"isActive":true,"retentionDays":120}'],
    ]);
  });

  it('refuses unknown tables and out-of-range days with clear errors, changing nothing', async () => {
    await expect(updateRetentionPolicy(db, { table: 'admin_users', retentionDays: 30, isActive: true }, 'a')).rejects.toThrow(
      /unknown table "admin_users"; retention applies to: metrics, /,
    );
    await expect(updateRetentionPolicy(db, { table: 'admin_users', retentionDays: 30, isActive: true }, 'a')).rejects.toThrow(
      expect.objectContaining({ status: 404 }),
    );
    await expect(applyRetentionCleanup(db, { dryRun: true, table: 'sqlite_master', actor: 'a' })).rejects.toBeInstanceOf(UserError);
    await expect(previewRetention(db, { table: 'nope' })).rejects.toThrow(/unknown table "nope"/);
    for (const days of [0, 1.5, 3651, Number.NaN]) {
      await expect(updateRetentionPolicy(db, { table: 'metrics', retentionDays: days, isActive: true }, 'a')).rejects.toThrow(
        expect.objectContaining({ status: 422 }),
      );
    }
    await expect(updateRetentionPolicy(db, { table: 'metrics', retentionDays: 3651, isActive: true }, 'a')).rejects.toThrow(
      'retentionDays: retention days must be at most 3650 (10 years)',
    );
    expect((await getRetentionPolicies(db)).find((p) => p.table === 'metrics')!.retentionDays).toBe(90);
    expect(await listAuditRows(db)).toEqual([]);
    expect(await listRetentionRuns(db, 5)).toEqual([]);
  });
});

describe('Pacer', () => {
  it('starts small, grows while batches are quick, halves when most recent ones are slow, ignores a lone slow one', async () => {
    const pacer = new Pacer(1000, 10, 50);
    const clock = vi.spyOn(performance, 'now');
    const batch = (ms: number) => {
      clock.mockReturnValueOnce(0).mockReturnValueOnce(ms);
      return pacer.timed(async (size) => size);
    };
    expect(pacer.size).toBe(200);
    for (let i = 0; i < 7; i++) await batch(1);
    expect(pacer.size).toBe(959);
    await batch(1);
    expect(pacer.size).toBe(1000);
    await batch(300); // one preempted batch among quick ones: the median is still quick
    expect(pacer.lastMs).toBe(300);
    expect(pacer.size).toBe(1000);
    await batch(40);
    await batch(40); // now three of the last five are slow
    expect(pacer.size).toBe(500);
    await batch(40); // a fresh window: one slow batch alone is its median
    expect(pacer.size).toBe(250);
    for (let i = 0; i < 10; i++) await batch(40);
    expect(pacer.size).toBe(50);
    await batch(7); // between half the target and the target: unchanged
    expect(pacer.size).toBe(50);
    await batch(1);
    await batch(1);
    expect(pacer.size).toBe(63); // the median of [7, 1, 1]
    clock.mockRestore();
  });
});
