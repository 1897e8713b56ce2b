import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { listAuditRows } from '../db/queries/audit-log';
import { authenticateApiKey, lookupApiKey, requireAdminKey } from '../lib/keys/authenticate';
import { createApiKey } from '../lib/keys/create';
import { ensureEnvKeys } from '../lib/keys/ensure-env-keys';
import { hashApiKey } from '../lib/keys/generate';
import { knownKey } from '../lib/keys/known-keys';
import { listApiKeys } from '../lib/keys/list';
import { reactivateApiKey } from '../lib/keys/reactivate';
import { revokeApiKey } from '../lib/keys/revoke';
import { setKeyLimits } from '../lib/keys/set-limits';
import { migratedDatabase } from './helpers/tempdb';

describe('API keys', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ db, cleanup } = await migratedDatabase()));
  afterEach(() => cleanup());

  it('creates a random prefixed key, stores only its sha256, and audits without the plaintext', async () => {
    const { key, record } = await createApiKey(db, { service: 'auth-server', dailyUsageLimit: 5, description: ' prod ' }, 'admin@x');
    expect(key).toMatch(/^mcp_metrics_[A-Za-z0-9_-]{32,}$/);
    expect(record).toMatchObject({
      serviceName: 'auth-server',
      rateLimit: 1000,
      dailyUsageLimit: 5,
      monthlyUsageLimit: null,
      description: 'prod',
      isActive: true,
      isAdmin: false,
    });
    expect(record.keyHash).toBe(hashApiKey(key));
    expect(key.startsWith(record.keyPrefix!)).toBe(true);
    const everything = JSON.stringify(await db.all(`SELECT * FROM api_keys`)) + JSON.stringify(await db.all(`SELECT * FROM audit_log`));
    expect(everything).not.toContain(key);
    expect(everything).not.toContain(key.slice(record.keyPrefix!.length));
    expect((await listAuditRows(db))[0]).toMatchObject({ actor: 'admin@x', action: 'api_key.create', target: `api_key:${record.id}` });
    expect((await createApiKey(db, { service: 'x' }, 'a')).key).not.toBe(key);
  });

  it('rejects bad input with a message per field', async () => {
    await expect(createApiKey(db, { service: 'bad name!' }, 'a')).rejects.toThrow(/service: service name may contain only/);
    await expect(createApiKey(db, { service: 'ok', rateLimit: 0 }, 'a')).rejects.toThrow(/rateLimit: limit must be at least 1/);
    await expect(createApiKey(db, { service: 'ok', dailyUsageLimit: 1.5 }, 'a')).rejects.toThrow(/whole number/);
    await expect(createApiKey(db, { service: 'ok', description: 'x'.repeat(501) }, 'a')).rejects.toThrow(/description/);
    expect(await listApiKeys(db)).toEqual([]);
  });

  it('authenticates by header, and a revocation or reactivation applies to the next lookup', async () => {
    const { key, record } = await createApiKey(db, { service: 'svc', isAdmin: true }, 'a');
    expect(await lookupApiKey(db, undefined)).toEqual({ status: 'missing' });
    expect(await lookupApiKey(db, 'mcp_metrics_nope')).toEqual({ status: 'unknown' });
    expect((await authenticateApiKey(db, key)).id).toBe(record.id);
    expect((await requireAdminKey(db, key)).isAdmin).toBe(true);
    await revokeApiKey(db, record.keyPrefix!, 'a');
    await expect(authenticateApiKey(db, key)).rejects.toThrow('API key is inactive');
    await reactivateApiKey(db, record.id, 'a');
    expect((await authenticateApiKey(db, key)).isActive).toBe(true);
    const plain = (await createApiKey(db, { service: 'svc' }, 'a')).key;
    await expect(requireAdminKey(db, plain)).rejects.toThrow(expect.objectContaining({ status: 403 }));
    await expect(authenticateApiKey(db, null)).rejects.toThrow(expect.objectContaining({ status: 401, message: 'API key required in X-API-Key header' }));
    expect((await listAuditRows(db)).map((r) => r.action)).toEqual(['api_key.create', 'api_key.reactivate', 'api_key.revoke', 'api_key.create']);
  });

  it('sets limits (null removes one, omitted keeps it) and names unknown or ambiguous keys', async () => {
    const { record } = await createApiKey(db, { service: 'svc', dailyUsageLimit: 10, monthlyUsageLimit: 100 }, 'a');
    const after = await setKeyLimits(db, String(record.id), { rateLimit: 5, dailyUsageLimit: null }, 'a');
    expect(after).toMatchObject({ rateLimit: 5, dailyUsageLimit: null, monthlyUsageLimit: 100 });
    expect(JSON.parse((await listAuditRows(db))[0]!.before!)).toMatchObject({ rateLimit: 1000, dailyUsageLimit: 10 });
    await expect(setKeyLimits(db, record.id, {}, 'a')).rejects.toThrow(/at least one limit/);
    await expect(revokeApiKey(db, 999, 'a')).rejects.toThrow(expect.objectContaining({ status: 404 }));
    await createApiKey(db, { service: 'other' }, 'a');
    await expect(revokeApiKey(db, 'mcp_metrics_', 'a')).rejects.toThrow(expect.objectContaining({ status: 409 }));
  });

  it('ensures METRICS_API_KEY_<SUFFIX> keys once, leaving an existing (even revoked) key alone', async () => {
    const env = { METRICS_API_KEY_AUTH_SERVER: 'legacy-auth-key-0123456789', METRICS_API_KEY_REGISTRY: 'legacy-registry-key-0123', OTHER: 'x' };
    expect(await ensureEnvKeys(db, env, 'startup')).toEqual([
      { variable: 'METRICS_API_KEY_AUTH_SERVER', service: 'auth-server', created: true, weak: true },
      { variable: 'METRICS_API_KEY_REGISTRY', service: 'registry', created: true, weak: true },
    ]);
    const auth = await authenticateApiKey(db, env.METRICS_API_KEY_AUTH_SERVER);
    expect(auth).toMatchObject({ serviceName: 'auth-server', rateLimit: 1000, keyPrefix: 'legacy' });
    await revokeApiKey(db, auth.id, 'a');
    expect((await ensureEnvKeys(db, env, 'startup')).map((k) => k.created)).toEqual([false, false]);
    expect((await lookupApiKey(db, env.METRICS_API_KEY_AUTH_SERVER)).status).toBe('inactive');
    await expect(ensureEnvKeys(db, { METRICS_API_KEY_A_B: 'short' }, 'startup')).rejects.toThrow(/METRICS_API_KEY_A_B: an API key must be at least 16/);
  });

  it('serves a key read within the last second from memory; a change made elsewhere shows after that, one made here at once', async () => {
    const { key, record } = await createApiKey(db, { service: 'svc' }, 'a');
    const now = Date.now();
    expect(await knownKey(db, record.keyHash, now)).toMatchObject({ isActive: true, rateLimit: 1000 });
    // As the CLI or another instance would: a write this process's key verbs did not make.
    await db.transaction((tx) => tx.run(`UPDATE api_keys SET rate_limit = 7 WHERE id = ?`, [record.id]));
    expect(await knownKey(db, record.keyHash, now + 999)).toMatchObject({ rateLimit: 1000 });
    expect(await knownKey(db, record.keyHash, now + 1000)).toMatchObject({ rateLimit: 7 });
    await setKeyLimits(db, record.id, { rateLimit: 9 }, 'a');
    expect(await knownKey(db, record.keyHash, now + 1001)).toMatchObject({ rateLimit: 9 });
    await revokeApiKey(db, record.id, 'a');
    expect(await lookupApiKey(db, key)).toMatchObject({ status: 'inactive' });
    // An unknown hash is not remembered: a key created elsewhere is accepted at once.
    expect(await knownKey(db, hashApiKey('mcp_metrics_later'), now)).toBeUndefined();
    await db.transaction((tx) =>
      tx.run(`INSERT INTO api_keys (key_hash, service_name, created_at) VALUES (?, 'svc', ?)`, [hashApiKey('mcp_metrics_later'), new Date().toISOString()]),
    );
    expect(await knownKey(db, hashApiKey('mcp_metrics_later'), now)).toMatchObject({ serviceName: 'svc' });
  });
});
