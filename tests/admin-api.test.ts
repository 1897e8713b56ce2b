import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { listAuditRows } from '../db/queries/audit-log';
import { createApiKey } from '../lib/keys/create';
import { POST as cleanup } from '../app/admin/retention/cleanup/route';
import { GET as policies } from '../app/admin/retention/policies/route';
import { PUT as putPolicy } from '../app/admin/retention/policies/[table]/route';
import { GET as preview } from '../app/admin/retention/preview/route';
import { GET as size } from '../app/admin/database/size/route';
import { GET as stats } from '../app/admin/database/stats/route';
import { testEngine } from './helpers/engine';
import { seedMetricsThrough } from './helpers/lifecycle';
import { migratedDatabase } from './helpers/tempdb';
import { RETENTION_TABLES } from '../lib/retention/tables';

// A policy per aged table, seeded by the migrations.
const POLICY_COUNT = Object.keys(RETENTION_TABLES).length;

const BASE = 'http://localhost/admin';
type Call = (request: Request) => Promise<Response>;
const tableParams = (table: string) => ({ params: Promise.resolve({ table }) });

/** Every admin route, as a function of the headers a caller sends. */
const ROUTES: Array<[string, (headers: HeadersInit) => Promise<Response>]> = [
  ['GET preview', (h) => (preview as Call)(new Request(`${BASE}/retention/preview`, { headers: h }))],
  ['POST cleanup', (h) => (cleanup as Call)(new Request(`${BASE}/retention/cleanup?dry_run=false`, { method: 'POST', headers: h }))],
  ['GET policies', (h) => (policies as Call)(new Request(`${BASE}/retention/policies`, { headers: h }))],
  ['PUT policy', (h) => putPolicy(new Request(`${BASE}/retention/policies/metrics?retention_days=5`, { method: 'PUT', headers: h }), tableParams('metrics'))],
  ['GET stats', (h) => (stats as Call)(new Request(`${BASE}/database/stats`, { headers: h }))],
  ['GET size', (h) => (size as Call)(new Request(`${BASE}/database/size`, { headers: h }))],
];

describe('admin API', () => {
  let db: Db;
  let cleanupDb: () => Promise<void>;
  let adminKey: string;
  let ingestKey: string;
  const admin = () => ({ 'X-API-Key': adminKey });
  const rowCount = async (table: string) => (await db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;

  beforeAll(async () => {
    ({ db, cleanup: cleanupDb } = await migratedDatabase());
    adminKey = (await createApiKey(db, { service: 'ops', isAdmin: true }, 'test')).key;
    ingestKey = (await createApiKey(db, { service: 'auth-server' }, 'test')).key;
    await seedMetricsThrough(db, 5, '2020-01-01 00:00:00');
    await seedMetricsThrough(db, 2, new Date().toISOString().slice(0, 19).replace('T', ' '));
  });
  afterAll(() => cleanupDb());

  it.each(ROUTES)('%s refuses anonymous callers (401), ingest keys (403) and unknown keys (401), changing nothing', async (_, call) => {
    const anonymous = await call({});
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).detail).toMatch(/admin API key in the X-API-Key header, or sign in as an admin/);
    const ingest = await call({ 'X-API-Key': ingestKey });
    expect(ingest.status).toBe(403);
    expect(await ingest.json()).toEqual({ detail: 'This endpoint requires an admin API key' });
    expect((await call({ 'X-API-Key': 'mcp_metrics_not-a-key' })).status).toBe(401);
    expect(await rowCount('metrics')).toBe(7);
    expect((await db.get<{ days: number }>(`SELECT retention_days AS days FROM retention_policies WHERE table_name = 'metrics'`))!.days).toBe(90);
  });

  it('previews, dry-runs by default, then cleans up with an admin key', async () => {
    const previewed = await (preview as Call)(new Request(`${BASE}/retention/preview?table_name=metrics`, { headers: admin() }));
    expect(await previewed.json()).toMatchObject({
      tables: [{ table_name: 'metrics', column: 'created_at', retention_days: 90, expired_rows: 5, total_rows: 7 }],
    });

    const dry = await (cleanup as Call)(new Request(`${BASE}/retention/cleanup?table_name=metrics`, { method: 'POST', headers: admin() }));
    expect(await dry.json()).toMatchObject({ dry_run: true, total_deleted: 0, tables: [{ table_name: 'metrics', expired_rows: 5, deleted_rows: 0 }] });
    expect(await rowCount('metrics')).toBe(7);

    const real = await (cleanup as Call)(new Request(`${BASE}/retention/cleanup?table_name=metrics&dry_run=false`, { method: 'POST', headers: admin() }));
    expect(await real.json()).toMatchObject({ dry_run: false, total_deleted: 5 });
    expect(await rowCount('metrics')).toBe(2);
    expect((await listAuditRows(db))[0]).toMatchObject({ action: 'retention.cleanup', actor: expect.stringMatching(/^api-key:.+ \(ops\)$/) });

    const listed = await (await (policies as Call)(new Request(`${BASE}/retention/policies`, { headers: admin() }))).json();
    expect(listed.policies).toHaveLength(POLICY_COUNT);
    expect(listed.last_run).toMatchObject({ status: 'succeeded', dry_run: false, deleted: { metrics: 5 } });
  });

  it('updates a policy, and answers bad input with 4xx details (422 naming each bad field)', async () => {
    const put = (table: string, query: string) =>
      putPolicy(new Request(`${BASE}/retention/policies/${table}?${query}`, { method: 'PUT', headers: admin() }), tableParams(table));
    const ok = await put('tool_metrics', 'retention_days=30&is_active=false');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ table_name: 'tool_metrics', retention_days: 30, is_active: false });
    expect((await listAuditRows(db))[0]).toMatchObject({ action: 'retention.policy.update', target: 'tool_metrics' });

    const unknown = await put('users', 'retention_days=30');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).detail).toMatch(/unknown table "users"/);

    const invalid: Array<[string, string, RegExp]> = [
      ['', 'retention_days', /Field required/],
      ['retention_days=0', 'retention_days', /at least 1/],
      ['retention_days=abc', 'retention_days', /must be a whole number/],
      ['retention_days=10&is_active=maybe', 'is_active', /expected true or false/],
    ];
    for (const [query, field, message] of invalid) {
      const response = await put('metrics', query);
      expect(response.status, `metrics?${query}`).toBe(422);
      expect((await response.json()).detail, `metrics?${query}`).toEqual([
        expect.objectContaining({ loc: ['query', field], msg: expect.stringMatching(message) }),
      ]);
    }
    const badFlag = await (cleanup as Call)(new Request(`${BASE}/retention/cleanup?dry_run=perhaps`, { method: 'POST', headers: admin() }));
    expect(badFlag.status).toBe(422);
    expect((await badFlag.json()).detail).toEqual([expect.objectContaining({ loc: ['query', 'dry_run'] })]);
    const badTable = await (preview as Call)(new Request(`${BASE}/retention/preview?table_name=sqlite_master`, { headers: admin() }));
    expect(badTable.status).toBe(404);
  });

  it('reports row counts and file sizes', async () => {
    const counted = await (await (stats as Call)(new Request(`${BASE}/database/stats`, { headers: admin() }))).json();
    expect(counted.tables).toMatchObject({ metrics: 2, api_keys: 2, retention_policies: POLICY_COUNT });
    expect(counted.total_rows).toBe(Object.values(counted.tables as Record<string, number>).reduce((a, b) => a + b, 0));
    const sized = await (await (size as Call)(new Request(`${BASE}/database/size`, { headers: admin() }))).json();
    // SQLite's 4 KiB pages of the metrics.db file; PostgreSQL's 8 KiB blocks of the database.
    expect(sized).toMatchObject({ page_size: testEngine() === 'sqlite' ? 4096 : 8192, file: db.location });
    expect(sized.file_bytes).toBeGreaterThan(0);
    expect(sized.page_count).toBeGreaterThan(10);
    expect(sized.total_bytes).toBe(sized.file_bytes + sized.wal_bytes + sized.shm_bytes);
  });
});
