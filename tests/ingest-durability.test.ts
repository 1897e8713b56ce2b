import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, getDb } from '../db/connection';
import { integrityProblems } from '../db/queries/database';
import { createApiKey } from '../lib/keys/create';
import { freePort, startProductionServer, stopProductionServer, waitForHealth } from './helpers/prod-server';
import { testEngine } from './helpers/engine';
import { migratedDatabase } from './helpers/tempdb';

// The production server of the current build (`npm test` builds before the unit tests; npm start
// builds one if there is none).
const DIST_DIR = process.env.INGEST_TEST_DIST_DIR ?? '.next';

const batch = (i: number) => ({
  service: 'durability',
  instance_id: `pod-${i % 3}`,
  metrics: Array.from({ length: 50 }, (_, j) => ({
    type: j % 2 ? 'tool_execution' : 'auth_request',
    value: 1,
    duration_ms: j,
    dimensions: { success: j % 3 !== 0, tool_name: 't' },
  })),
});

describe('durability of acknowledged metrics (real server, kill -9)', () => {
  let cleanup: () => Promise<void>;
  let dbFile: string;
  let key: string;
  let quotaKey: string;
  let server: ChildProcess | undefined;
  let port: number;
  let base: string;

  beforeAll(async () => {
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const database = await migratedDatabase();
    ({ file: dbFile, cleanup } = database);
    key = (await createApiKey(database.db, { service: 'durability', rateLimit: 100_000 }, 'test')).key;
    quotaKey = (await createApiKey(database.db, { service: 'durability', dailyUsageLimit: 3 }, 'test')).key;
    // The server has the database to itself: after the kill, a new connection opens it as the killed server left it.
    if (testEngine() === 'sqlite') database.sqlite.close();
    await closeDb();
    server = startProductionServer({ dbFile, port, distDir: DIST_DIR, stderr: 'pipe' });
    await waitForHealth(base, server);
  }, 240_000);

  afterAll(async () => {
    if (server) await stopProductionServer(server, 'SIGTERM');
    await cleanup();
  });

  it('keeps every metric answered with 200 when the server is killed with SIGKILL mid-stream, and quotas survive', async () => {
    for (let i = 0; i < 3; i++)
      expect(
        (
          await fetch(`${base}/metrics`, {
            method: 'POST',
            headers: { 'x-api-key': quotaKey, 'content-type': 'application/json' },
            body: JSON.stringify(batch(i)),
          })
        ).status,
      ).toBe(200);

    const acknowledged: string[] = [];
    let killed: Promise<void> | undefined;
    // Ten clients posting in a loop; the first 200 after 40 acknowledgements triggers kill -9 at once.
    await Promise.all(
      Array.from({ length: 10 }, async (_, client) => {
        for (let i = 0; !killed; i++) {
          try {
            const response = await fetch(`${base}/metrics`, {
              method: 'POST',
              headers: { 'x-api-key': key, 'content-type': 'application/json' },
              body: JSON.stringify(batch(client * 1000 + i)),
            });
            if (response.status !== 200) throw new Error(`status ${response.status}`);
            acknowledged.push(((await response.json()) as { request_id: string }).request_id);
            if (acknowledged.length >= 40 && !killed) killed = stopProductionServer(server!, 'SIGKILL');
          } catch (error) {
            if (!killed) throw error;
          }
        }
      }),
    );
    await killed;

    const db = getDb();
    try {
      const stored = new Map(
        (await db.all<{ id: string; n: number }>(`SELECT request_id AS id, COUNT(*) AS n FROM metrics GROUP BY request_id`)).map((r) => [r.id, r.n]),
      );
      const lost = acknowledged.filter((id) => stored.get(id) !== 50);
      expect(lost).toEqual([]);
      // Whatever committed is whole and consistent: rollups and type tables match the raw rows.
      const number = async (sql: string) => (await db.get<{ n: number }>(sql))!.n;
      const total = await number(`SELECT COUNT(*) AS n FROM metrics`);
      expect(total % 50).toBe(0);
      expect(await number(`SELECT SUM(count) AS n FROM metrics_daily`)).toBe(total);
      expect(await number(`SELECT (SELECT COUNT(*) FROM auth_metrics) + (SELECT COUNT(*) FROM tool_metrics) AS n`)).toBe(total);
      // The file itself is sound (SQLite's own check; a PostgreSQL server recovers from its WAL before it answers).
      if (db.engine === 'sqlite') expect(await integrityProblems(db)).toEqual([]);
    } finally {
      await closeDb();
    }

    server = startProductionServer({ dbFile, port, distDir: DIST_DIR, stderr: 'pipe' });
    await waitForHealth(base, server);
    const refused = await fetch(`${base}/metrics`, {
      method: 'POST',
      headers: { 'x-api-key': quotaKey, 'content-type': 'application/json' },
      body: JSON.stringify(batch(0)),
    });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ detail: 'Daily usage limit exceeded. Limit: 3 requests/day' });
    expect(
      (await fetch(`${base}/metrics`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json' }, body: JSON.stringify(batch(1)) }))
        .status,
    ).toBe(200);
  }, 240_000);
});
