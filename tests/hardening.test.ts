import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as listKeysRoute } from '../app/admin/keys/route';
import { PUT as allowedServicesRoute } from '../app/admin/keys/[id]/allowed-services/route';
import { PUT as putPolicyRoute } from '../app/admin/retention/policies/[table]/route';
import { POST as postMetricsRoute } from '../app/metrics/route';
import { GET as rateLimitRoute } from '../app/rate-limit/route';
import type { Db } from '../db/client';
import { CLIENT_ADDRESS_HEADER } from '../lib/http/client-address';
import { UNKNOWN_KEY_SLOWDOWN, unknownKeyDelayMs } from '../lib/http/unknown-key-slowdown';
import { createApiKey } from '../lib/keys/create';
import { revokeApiKey } from '../lib/keys/revoke';
import { setAllowedServices } from '../lib/keys/set-allowed-services';
import { listApiKeys } from '../lib/keys/list';
import { cleanupRequestSchema } from '../lib/retention/validation';
import { createUser } from '../lib/users/create';
import { endSessions } from '../lib/users/end-sessions';
import { findUser } from '../lib/users/find';
import { setRole } from '../lib/users/set-role';
import { SIGN_IN_THROTTLE, SignInPaused } from '../lib/users/sign-in-throttle';
import { verifyCredentials } from '../lib/users/verify-credentials';
import { InvalidInput } from '../lib/invalid-input';
import { parseInput } from '../lib/validation';
import { jsonRequest, withoutParams } from './helpers/http';
import { migratedDatabase } from './helpers/tempdb';

const postMetrics = withoutParams(postMetricsRoute);
const rateLimit = withoutParams(rateLimitRoute);
const listKeys = withoutParams(listKeysRoute);
const metricFor = (service: string) => ({
  service,
  metrics: [
    { type: 'custom', value: 1 },
    { type: 'custom', value: 2 },
  ],
});

describe('hardening', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let adminKey: string;
  beforeAll(async () => {
    ({ db, cleanup } = await migratedDatabase());
    adminKey = (await createApiKey(db, { service: 'ops', isAdmin: true }, 'test')).key;
  });
  afterAll(() => cleanup());

  describe('sign-in throttle', () => {
    it('checks exactly the free failures of 30 parallel wrong passwords, and pauses the rest before hashing', async () => {
      await createUser(db, { email: 'target@example.com', password: 'the right password', role: 'admin' }, 'test');
      const address = '198.51.100.1';
      const outcomes = await Promise.allSettled(
        Array.from({ length: 30 }, (_, i) => verifyCredentials(db, { email: 'target@example.com', password: `guess ${i}` }, address)),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled' && o.value === null)).toHaveLength(SIGN_IN_THROTTLE.pair.freeFailures);
      const paused = outcomes.filter((o) => o.status === 'rejected');
      expect(paused).toHaveLength(30 - SIGN_IN_THROTTLE.pair.freeFailures);
      for (const o of paused) expect((o as PromiseRejectedResult).reason).toBeInstanceOf(SignInPaused);
    });

    it('lets the right password in from another address while the guesser is paused, and keeps the pause in the database', async () => {
      await expect(verifyCredentials(db, { email: 'target@example.com', password: 'the right password' }, '198.51.100.1')).rejects.toThrow(SignInPaused);
      expect(await verifyCredentials(db, { email: 'target@example.com', password: 'the right password' }, '203.0.113.9')).toMatchObject({
        email: 'target@example.com',
      });
      const rows = await db.all<{ failures: number; blockedUntil: string | null }>(
        `SELECT scope, failures, blocked_until AS "blockedUntil" FROM sign_in_throttle WHERE scope LIKE 'pair:198.51.100.1 %'`,
      );
      expect(rows).toEqual([expect.objectContaining({ failures: SIGN_IN_THROTTLE.pair.freeFailures, blockedUntil: expect.any(String) })]);
    });
  });

  describe('sessions', () => {
    it('moves the user to a new session epoch on sign-out and on a role change', async () => {
      await createUser(db, { email: 'epoch@example.com', password: 'long enough pw', role: 'admin' }, 'test');
      const start = (await findUser(db, 'epoch@example.com'))!.sessionEpoch;
      await endSessions(db, 'epoch@example.com');
      expect((await findUser(db, 'epoch@example.com'))!.sessionEpoch).toBe(start + 1);
      await setRole(db, { email: 'epoch@example.com', role: 'viewer' }, 'test');
      expect(await findUser(db, 'epoch@example.com')).toEqual({ email: 'epoch@example.com', role: 'viewer', sessionEpoch: start + 2 });
    });

    it('keeps the last admin an admin', async () => {
      const admins = await db.all<{ email: string }>(`SELECT email FROM admin_users WHERE role = 'admin'`);
      for (const { email } of admins.slice(1)) await setRole(db, { email, role: 'viewer' }, 'test');
      await expect(setRole(db, { email: admins[0]!.email, role: 'viewer' }, 'test')).rejects.toThrow(/only admin/);
    });
  });

  describe('cleanup requests', () => {
    it('are dry runs unless dry_run is false, and refuse a flag that is not one', () => {
      expect(parseInput(cleanupRequestSchema, {})).toEqual({ dry_run: true });
      expect(parseInput(cleanupRequestSchema, { dry_run: false })).toEqual({ dry_run: false });
      expect(parseInput(cleanupRequestSchema, { dry_run: 'false' })).toEqual({ dry_run: false });
      expect(() => parseInput(cleanupRequestSchema, { dry_run: 'later' })).toThrow(InvalidInput);
      expect(() => parseInput(cleanupRequestSchema, { dry_run: 0 })).toThrow(InvalidInput);
    });
  });

  describe('strict numbers', () => {
    const putPolicy = (query: string) =>
      putPolicyRoute(jsonRequest(`/admin/retention/policies/metrics?${query}`, { method: 'PUT', key: adminKey }), {
        params: Promise.resolve({ table: 'metrics' }),
      });

    it.each(['1e3', '0x10', '+30', '30.0', ' 30'])('refuses retention_days=%s with a 422 naming the parameter', async (days) => {
      const response = await putPolicy(`retention_days=${encodeURIComponent(days)}`);
      expect(response.status).toBe(422);
      expect(await response.json()).toEqual({ detail: [expect.objectContaining({ loc: ['query', 'retention_days'] })] });
    });

    it('takes digits', async () => {
      expect((await putPolicy('retention_days=30')).status).toBe(200);
    });
  });

  describe('refused requests', () => {
    it('count per key and minute, take rate-limit tokens even for a revoked key, and never show as use', async () => {
      const { key, record } = await createApiKey(db, { service: 'noisy', rateLimit: 30 }, 'test');
      await revokeApiKey(db, record.id, 'test');
      const statuses = [];
      for (let i = 0; i < 50; i++) statuses.push((await postMetrics(jsonRequest('/metrics', { key, body: metricFor('noisy') }))).status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(30);
      expect(statuses.filter((s) => s === 429)).toHaveLength(20);
      const rows = await db.all<{ status: number; n: number }>(`SELECT status_code AS status, request_count AS n FROM api_key_usage_log WHERE key_hash = ?`, [
        record.keyHash,
      ]);
      // A row per minute and status: two minutes at most, however many requests.
      expect(rows.length).toBeLessThanOrEqual(4);
      expect(rows.filter((r) => r.status === 401).reduce((sum, r) => sum + r.n, 0)).toBe(30);
      expect(rows.filter((r) => r.status === 429).reduce((sum, r) => sum + r.n, 0)).toBe(20);
      const listed = (await listApiKeys(db)).find((k) => k.id === record.id)!;
      expect(listed).toMatchObject({ usageCount: 0, lastUsedAt: null });
    });

    it('rate-limit GET /rate-limit in a bucket of its own, so polling it never spends what the key may ingest', async () => {
      const { key } = await createApiKey(db, { service: 'poller', rateLimit: 5 }, 'test');
      const polls = [];
      for (let i = 0; i < 7; i++) polls.push((await rateLimit(jsonRequest('/rate-limit', { key }))).status);
      expect(polls).toEqual([200, 200, 200, 200, 200, 429, 429]);
      expect((await postMetrics(jsonRequest('/metrics', { key, body: metricFor('poller') }))).status).toBe(200);
    });

    it('slow down an address that keeps sending unknown keys', async () => {
      const address = '192.0.2.77';
      const delays = Array.from({ length: UNKNOWN_KEY_SLOWDOWN.freePerMinute + 3 }, () => unknownKeyDelayMs(address, 5_000));
      expect(delays.slice(0, UNKNOWN_KEY_SLOWDOWN.freePerMinute).every((d) => d === 0)).toBe(true);
      expect(delays.slice(-3)).toEqual([1, 2, 3].map((n) => n * UNKNOWN_KEY_SLOWDOWN.stepMs));
      expect(unknownKeyDelayMs('192.0.2.78', 5_000)).toBe(0);

      const started = performance.now();
      const headers = { [CLIENT_ADDRESS_HEADER]: '192.0.2.99' };
      for (let i = 0; i < UNKNOWN_KEY_SLOWDOWN.freePerMinute + 2; i++) {
        expect((await postMetrics(jsonRequest('/metrics', { key: 'mcp_metrics_guess', body: metricFor('x'), headers }))).status).toBe(401);
      }
      expect(performance.now() - started).toBeGreaterThanOrEqual(3 * UNKNOWN_KEY_SLOWDOWN.stepMs - 5);
    });
  });

  describe('allowed services', () => {
    it('lets a key write for any service by default, and only for its own once limited', async () => {
      const { key, record } = await createApiKey(db, { service: 'auth-server' }, 'test');
      expect(await (await postMetrics(jsonRequest('/metrics', { key, body: metricFor('tool-server') }))).json()).toMatchObject({ accepted: 2 });

      await setAllowedServices(db, record.id, ['auth-server', 'auth-server-canary'], 'test');
      const refused = await (await postMetrics(jsonRequest('/metrics', { key, body: metricFor('tool-server') }))).json();
      expect(refused).toMatchObject({ accepted: 0, rejected: 2 });
      expect(refused.errors).toEqual([
        'metrics[0]: service "tool-server" is not one this API key may write for (allowed: auth-server, auth-server-canary)',
        'metrics[1]: service "tool-server" is not one this API key may write for (allowed: auth-server, auth-server-canary)',
      ]);
      expect(await (await postMetrics(jsonRequest('/metrics', { key, body: metricFor('auth-server') }))).json()).toMatchObject({ accepted: 2 });
    });

    it('are set and shown through the admin API, with 422s for bad lists', async () => {
      const { record } = await createApiKey(db, { service: 'discovery' }, 'test');
      const put = (id: string, body: unknown) =>
        allowedServicesRoute(jsonRequest(`/admin/keys/${id}/allowed-services`, { method: 'PUT', key: adminKey, body }), { params: Promise.resolve({ id }) });
      const set = await put(String(record.id), { services: ['discovery', 'discovery'] });
      expect(set.status).toBe(200);
      expect(await set.json()).toMatchObject({ id: record.id, allowed_services: ['discovery'] });
      expect((await (await listKeys(jsonRequest('/admin/keys', { key: adminKey }))).json()).keys).toContainEqual(
        expect.objectContaining({ id: record.id, allowed_services: ['discovery'] }),
      );

      const bad = await put(String(record.id), { services: ['not a service!'] });
      expect(bad.status).toBe(422);
      expect((await bad.json()).detail[0].loc).toEqual(['body', 'services', 0]);
      expect((await put(String(record.id), {})).status).toBe(422);
      expect((await put('1e3', { services: null })).status).toBe(422);
      expect((await put('99999', { services: null })).status).toBe(404);
      expect(await (await put(String(record.id), { services: null })).json()).toMatchObject({ allowed_services: null });
    });
  });
});
