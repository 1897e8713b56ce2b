import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeTransaction, type Db } from '../db/client';
import { insertAuditRow } from '../db/queries/audit-log';
import { auditPage, AUDIT_PAGE_SIZE } from '../lib/audit/list';
import { createApiKey } from '../lib/keys/create';
import { keyUsageSeries } from '../lib/key-usage/series';
import { listMigrationFiles } from '../lib/migrate/load';
import { migrationLabel } from '../lib/migrate/migration';
import { systemStatus } from '../lib/database/status';
import { checked, optionalNumber, text } from '../lib/forms/fields';
import type { Sqlite } from '../db/sqlite-file';
import { migratedDatabase } from './helpers/tempdb';

describe('dashboard data of the management pages', () => {
  let db: Db;
  let sqlite: Sqlite;
  let file: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ db, sqlite, file, cleanup } = await migratedDatabase()));
  afterEach(() => cleanup());

  function logUsage(keyHash: string, timestamp: string, statusCode: number, requestCount = 1) {
    sqlite
      .prepare(`INSERT INTO api_key_usage_log (key_hash, service_name, timestamp, endpoint, request_count, status_code) VALUES (?, 'svc', ?, '/metrics', ?, ?)`)
      .run(keyHash, timestamp, requestCount, statusCode);
  }

  it('counts one key’s requests, 4xx and 429 per hour, with empty hours, leaving other keys and old rows out', async () => {
    const { record } = await createApiKey(db, { service: 'svc' }, 'test');
    const other = (await createApiKey(db, { service: 'other' }, 'test')).record;
    const now = new Date('2026-03-10T12:30:00Z');
    logUsage(record.keyHash, '2026-03-10T12:05:00.000Z', 200, 3);
    logUsage(record.keyHash, '2026-03-10T12:06:00.000Z', 429);
    logUsage(record.keyHash, '2026-03-10T10:59:59.999Z', 422);
    logUsage(record.keyHash, '2026-03-09T11:00:00.000Z', 200); // 25.5 h ago: outside 24 h
    logUsage(other.keyHash, '2026-03-10T12:05:00.000Z', 200);

    const usage = await keyUsageSeries(db, record, '24h', now);
    expect(usage.granularity).toBe('hour');
    expect(usage.points).toHaveLength(25);
    expect(usage.points.at(-1)).toEqual({ bucket: '2026-03-10T12', requests: 4, clientErrors: 1, rateLimited: 1 });
    expect(usage.points.at(-3)).toEqual({ bucket: '2026-03-10T10', requests: 1, clientErrors: 1, rateLimited: 0 });
    expect(usage.points.at(-2)).toEqual({ bucket: '2026-03-10T11', requests: 0, clientErrors: 0, rateLimited: 0 });
    expect(usage.totals).toEqual({ requests: 5, clientErrors: 2, rateLimited: 1 });

    const monthly = await keyUsageSeries(db, record, '30d', now);
    expect(monthly.granularity).toBe('day');
    expect(monthly.points.at(-1)!.bucket).toBe('2026-03-10');
    expect(monthly.totals.requests).toBe(6);
  });

  it('reports schema version, pending migrations, file size and exact rows per table', async () => {
    await createApiKey(db, { service: 'svc' }, 'test');
    const status = await systemStatus(db);
    const latest = listMigrationFiles().at(-1)!.version;
    expect(status).toMatchObject({ file, schemaVersion: latest, latestVersion: latest, pendingMigrations: [] });
    expect(status.databaseBytes).toBeGreaterThan(0);
    expect(status.tables.find((t) => t.table === 'api_keys')).toEqual({ table: 'api_keys', rows: 1 });
    expect(status.tables.find((t) => t.table === 'audit_log')).toEqual({ table: 'audit_log', rows: 1 });
    expect(status.tables.some((t) => t.table.startsWith('sqlite_'))).toBe(false);

    sqlite.prepare(`DELETE FROM schema_migrations WHERE version = ?`).run(latest);
    expect((await systemStatus(db)).pendingMigrations).toEqual([migrationLabel(listMigrationFiles().at(-1)!)]);
  });

  it('pages the audit log newest first by id, telling whether older rows exist', async () => {
    await writeTransaction(db, async (tx) => {
      for (let i = 1; i <= AUDIT_PAGE_SIZE + 5; i++) await insertAuditRow(tx, { actor: 'a@x', action: `change.${i}` });
    });
    const first = await auditPage(db);
    expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.rows[0]!.action).toBe(`change.${AUDIT_PAGE_SIZE + 5}`);
    const second = await auditPage(db, first.nextBefore!);
    expect(second.rows.map((r) => r.action)).toEqual(['change.5', 'change.4', 'change.3', 'change.2', 'change.1']);
    expect(second.nextBefore).toBeNull();
  });
});

describe('form field readers', () => {
  it('turn blanks into null and leave anything else for the schema to judge', () => {
    const form = new FormData();
    form.set('blank', '  ');
    form.set('n', '42');
    form.set('bad', 'abc');
    form.set('on', 'on');
    expect(optionalNumber(form, 'blank')).toBeNull();
    expect(optionalNumber(form, 'missing')).toBeNull();
    expect(optionalNumber(form, 'n')).toBe('42');
    expect(optionalNumber(form, 'bad')).toBe('abc');
    expect(text(form, 'missing')).toBe('');
    expect(checked(form, 'on')).toBe(true);
    expect(checked(form, 'off')).toBe(false);
  });
});
