import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb } from '../db/connection';
import type { Sqlite } from '../db/sqlite-file';
import { checkDatabase } from '../lib/integrity/check';
import { recoverDatabase } from '../lib/integrity/recover';
import { corruptLeafPage, seedMetrics } from './helpers/lifecycle';
import { migratedDatabase } from './helpers/tempdb';
import { RETENTION_TABLES } from '../lib/retention/tables';

// A policy per aged table, seeded by the migrations.
const POLICY_COUNT = Object.keys(RETENTION_TABLES).length;

describe('db check and recover', () => {
  let db: Sqlite;
  let file: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ sqlite: db, file, cleanup } = await migratedDatabase());
    seedMetrics(db, 3000);
    db.prepare(`INSERT INTO api_keys (key_hash, service_name, created_at) VALUES ('h', 'svc', '2026-01-01T00:00:00Z')`).run();
    db.pragma('wal_checkpoint(TRUNCATE)');
  });
  afterEach(() => cleanup());

  it('passes a sound database and reports rows pointing at missing parents', async () => {
    expect(await checkDatabase(file)).toMatchObject({ ok: true, integrity: [], foreignKeys: [] });
    db.pragma('foreign_keys = OFF');
    db.prepare(`INSERT INTO api_key_usage_log (key_hash, service_name, timestamp, endpoint) VALUES ('gone', 's', 't', '/e')`).run();
    expect(await checkDatabase(file)).toMatchObject({ ok: false, integrity: [], foreignKeys: [{ table: 'api_key_usage_log', parent: 'api_keys' }] });
  });

  it('detects a damaged page and rebuilds a sound file from every readable row', async () => {
    db.close();
    await closeDb();
    corruptLeafPage(file, 'metrics');
    const check = await checkDatabase(file);
    expect(check.ok).toBe(false);
    expect(check.integrity.length).toBeGreaterThan(0);

    const out = path.join(path.dirname(file), 'recovered.db');
    const report = await recoverDatabase(file, out);
    expect(report.integrity).toEqual([]);
    expect(report.schemaErrors).toEqual([]);
    const metrics = report.tables.find((t) => t.table === 'metrics')!;
    expect(metrics.unreadable).toHaveLength(1);
    const [from, to] = metrics.unreadable[0]!;
    expect(metrics.recovered).toBe(3000 - (to - from + 1));
    expect(to - from + 1).toBeLessThan(100); // one page's worth, not the table

    const recovered = new Database(out, { readonly: true });
    expect(recovered.prepare(`SELECT count(*) FROM metrics WHERE id BETWEEN ? AND ?`).pluck().get(from, to)).toBe(0);
    expect(recovered.prepare(`SELECT count(*) FROM metrics`).pluck().get()).toBe(metrics.recovered);
    expect(recovered.prepare(`SELECT count(*) FROM retention_policies`).pluck().get()).toBe(POLICY_COUNT);
    expect(recovered.prepare(`SELECT count(*) FROM api_keys`).pluck().get()).toBe(1);
    expect(recovered.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'index'`).pluck().get()).toBeGreaterThan(20);
    expect(recovered.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'metrics'`).pluck().get()).toBe(3000);
    recovered.close();
    expect((await checkDatabase(out)).ok).toBe(true);
    await expect(recoverDatabase(file, out)).rejects.toThrow(/already exists/);
  });
});
