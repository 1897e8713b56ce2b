import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { PostgresDb } from '../db/postgres-client';
import { listRollups } from '../db/queries/rollups';
import { claimLease } from '../db/queries/scheduler-leases';
import { createApiKey } from '../lib/keys/create';
import { rebuildRollups } from '../lib/rollups/rebuild';
import { whileLeaseHeld } from '../lib/schedule/lease';
import { createUser } from '../lib/users/create';
import { freePort, startProductionServer, stopProductionServer, waitForHealth } from './helpers/prod-server';
import { seededRandom } from './helpers/random';
import { signIn, signOut } from './helpers/sign-in';
import { migratedDatabase, type TestDatabase } from './helpers/tempdb';

// Several instances of the service on one PostgreSQL database (this file runs in the postgres
// project only): two production servers of the current build (`npm test` builds before the unit
// tests), each with its own pool, as replicas behind a load balancer would run.
const DIST_DIR = process.env.INGEST_TEST_DIST_DIR ?? '.next';

const post = (base: string, key: string, body: unknown) =>
  fetch(`${base}/metrics`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('two instances on one PostgreSQL database', () => {
  let database: TestDatabase;
  let db: Db;
  const servers: ChildProcess[] = [];
  const bases: string[] = [];

  beforeAll(async () => {
    database = await migratedDatabase();
    db = database.db;
    // Both start at once with the same environment key: each migrates, creates the first admin and the key once between them.
    process.env.METRICS_API_KEY_GATEWAY = 'shared-environment-key-0123456789abcdef';
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      bases.push(`http://127.0.0.1:${port}`);
      servers.push(startProductionServer({ dbFile: database.file, port, distDir: DIST_DIR, stderr: 'pipe' }));
    }
    delete process.env.METRICS_API_KEY_GATEWAY;
    await Promise.all(servers.map((server, i) => waitForHealth(bases[i]!, server)));
  }, 240_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => stopProductionServer(server, 'SIGTERM')));
    await database?.cleanup();
  });

  it('started together: one first admin, one environment key', async () => {
    expect(await db.all(`SELECT email FROM admin_users`)).toEqual([{ email: 'admin@localhost' }]);
    expect(await db.all(`SELECT service_name AS service FROM api_keys`)).toEqual([{ service: 'gateway' }]);
  });

  it('keeps rollups exact while both write the same hours at once: what a rebuild from the raw rows gives', async () => {
    const { key } = await createApiKey(db, { service: 'gateway', rateLimit: 1_000_000 }, 'test');
    const random = seededRandom(7);
    const hour = new Date(Date.now() - 3_600_000).toISOString().slice(0, 13);
    const batch = () => ({
      service: 'gateway',
      metrics: Array.from({ length: 40 }, () => ({
        type: random() < 0.5 ? 'tool_execution' : 'auth_request',
        timestamp: `${hour}:${String(Math.floor(random() * 60)).padStart(2, '0')}:00Z`,
        value: 1,
        duration_ms: Math.round(random() * 5000) / 10,
        dimensions: { success: random() < 0.9, tool_name: 'search' },
      })),
    });
    // 8 concurrent clients per instance, 10 requests each: every request contends for the same few rollup rows.
    const statuses = await Promise.all(
      bases.flatMap((base) =>
        Array.from({ length: 8 }, async () => {
          const codes: number[] = [];
          for (let i = 0; i < 10; i++) codes.push((await post(base, key, batch())).status);
          return codes;
        }),
      ),
    );
    expect(statuses.flat().every((status) => status === 200)).toBe(true);

    // Counts, minimum, maximum and sketch bins must match exactly; float sums may differ in their last bits,
    // as adding the same numbers in another order does.
    const rollups = async () => {
      const rows = [...(await listRollups(db, 'hourly')), ...(await listRollups(db, 'daily'))];
      return rows.map((row) => ({ ...row, sumDurationMs: row.sumDurationMs.toPrecision(12), avgDurationMs: row.avgDurationMs.toPrecision(12) }));
    };
    const written = await rollups();
    expect(written.filter((r) => r.bucket.length > 10).reduce((n, r) => n + r.count, 0)).toBe(2 * 8 * 10 * 40);
    await rebuildRollups(db, {}, 'test');
    expect(await rollups()).toEqual(written);
  });

  it('holds a per-minute rate limit across instances: exactly the limit is accepted in total', async () => {
    const { key } = await createApiKey(db, { service: 'limited', rateLimit: 10 }, 'test');
    const metric = { service: 'limited', metrics: [{ type: 'custom', value: 1 }] };
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => post(bases[i % 2]!, key, metric).then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
  });

  it('holds a daily quota across instances', async () => {
    const { key } = await createApiKey(db, { service: 'quota', dailyUsageLimit: 5 }, 'test');
    const metric = { service: 'quota', metrics: [{ type: 'custom', value: 1 }] };
    const statuses = await Promise.all(Array.from({ length: 12 }, (_, i) => post(bases[i % 2]!, key, metric).then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 429)).toBe(true);
  });

  it('shares sessions: signed in on one, valid on the other, and a sign-out on either ends it on both', async () => {
    await createUser(db, { email: 'oncall@example.com', password: 'the on-call password', role: 'admin' }, 'test');
    const { cookie } = await signIn(bases[0]!, { email: 'oncall@example.com', password: 'the on-call password' });
    expect(cookie).not.toBe('');
    const keysOn = (base: string) => fetch(`${base}/admin/keys`, { headers: { cookie } }).then((r) => r.status);
    expect([await keysOn(bases[0]!), await keysOn(bases[1]!)]).toEqual([200, 200]);
    expect(await signOut(bases[1]!, cookie)).toBe(200);
    expect([await keysOn(bases[0]!), await keysOn(bases[1]!)]).toEqual([401, 401]);
  });

  it('throttles sign-in guesses across instances: 30 parallel wrong passwords, split over both, check only the free failures', async () => {
    await createUser(db, { email: 'target@example.com', password: 'the right password', role: 'admin' }, 'test');
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        signIn(bases[i % 2]!, { email: 'target@example.com', password: `guess ${i}` }).then((r) => new URL(r.url).searchParams.get('error')),
      ),
    );
    expect(outcomes.filter((error) => error === 'CredentialsSignin')).toHaveLength(5);
    expect(outcomes.filter((error) => error?.startsWith('SignInPaused:'))).toHaveLength(25);
  });

  it('runs a scheduled task on one instance at a time, and hands it over when its holder stops renewing', async () => {
    // Two pools on the database stand for two instances' schedulers.
    const other = PostgresDb.open(database.file, { poolSize: 2 });
    try {
      let running = 0;
      let mostAtOnce = 0;
      const task = async () => {
        mostAtOnce = Math.max(mostAtOnce, ++running);
        await new Promise((resolve) => setTimeout(resolve, 200));
        running--;
        return 'ran';
      };
      const outcomes = await Promise.all([
        whileLeaseHeld(db, 'test-task', 'instance-a', task),
        whileLeaseHeld(other, 'test-task', 'instance-b', task),
        whileLeaseHeld(other, 'test-task', 'instance-c', task),
      ]);
      expect(outcomes.filter((o) => o === 'ran')).toHaveLength(1);
      expect(mostAtOnce).toBe(1);

      // An instance killed while holding the lease leaves it behind unrenewed; it holds until it runs out.
      const now = Date.now();
      expect(await claimLease(db, { task: 'handover', holder: 'killed', now: new Date(now).toISOString(), expiresAt: new Date(now + 500).toISOString() })).toBe(
        true,
      );
      expect(await whileLeaseHeld(other, 'handover', 'survivor', async () => 'took over')).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(await whileLeaseHeld(other, 'handover', 'survivor', async () => 'took over')).toBe('took over');
    } finally {
      await other.close();
    }
  });
});
