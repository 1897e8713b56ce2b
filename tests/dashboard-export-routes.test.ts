import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { UserError } from '../lib/errors';
import { withoutParams } from './helpers/http';
import { ingest } from './helpers/ingest-batch';
import { migratedDatabase } from './helpers/tempdb';

// The session comes from next-auth's cookie, which needs a real request scope; here it is what each test says.
const session = vi.hoisted(() => ({ user: null as null | { email: string; role: 'admin' | 'viewer' } }));
vi.mock('@/auth/session', () => ({
  requireRole: vi.fn(async () => {
    if (!session.user) throw new UserError('sign in first', 401);
    return session.user;
  }),
}));

const { GET: chartExport } = await import('../app/export/[view]/[chart]/route');
const explorerExport = withoutParams((await import('../app/export/explorer/route')).GET);

const chart = (view: string, name: string, query = '') =>
  chartExport(new Request(`http://test/export/${view}/${name}${query}`), { params: Promise.resolve({ view, chart: name }) });

describe('CSV export routes', () => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const opened = await migratedDatabase();
    cleanup = opened.cleanup;
    await ingest(opened.db, 'auth-server', [
      { type: 'auth_request', value: 1, duration_ms: 12, dimensions: { method: 'jwt', success: true } },
      { type: 'auth_request', value: 1, duration_ms: 30, dimensions: { method: 'jwt', success: false }, metadata: { error_code: 'expired' } },
    ]);
  });
  afterAll(() => cleanup());
  beforeEach(() => {
    session.user = { email: 'viewer@example.com', role: 'viewer' };
  });

  it('answer 401 JSON without a session, before reading anything', async () => {
    session.user = null;
    for (const response of [await chart('overview', 'requests'), await explorerExport(new Request('http://test/export/explorer'))]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ detail: 'sign in first' });
    }
  });

  it('let a viewer download a chart as CSV', async () => {
    const response = await chart('auth', 'error-codes', '?range=1h');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="auth-error-codes-[\w.-]+\.csv"$/);
    expect(await response.text()).toBe('"error_code","failures"\r\n"expired",1\r\n');
  });

  it('stream the explorer rows', async () => {
    const response = await explorerExport(new Request('http://test/export/explorer?range=1h&service=auth-server&type=auth_request'));
    expect(response.status).toBe(200);
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',"auth-server","auth_request",1,30,');
  });

  it('answer 422 naming the bad query parameter, or 404 for an unknown chart', async () => {
    const badRange = await chart('overview', 'requests', '?range=2w');
    expect(badRange.status).toBe(422);
    expect((await badRange.json()).detail).toEqual([{ loc: ['query', 'range'], msg: expect.stringMatching(/^expected one of/), type: 'value_error' }]);
    const badType = await explorerExport(new Request('http://test/export/explorer?type=nope'));
    expect(badType.status).toBe(422);
    expect((await badType.json()).detail).toEqual([expect.objectContaining({ loc: ['query', 'type'], type: 'enum' })]);
    const unknown = await chart('overview', 'pie');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ detail: 'no chart "overview/pie"' });
  });
});
