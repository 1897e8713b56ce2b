import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as postMetricsRoute } from '../app/metrics/route';
import { writeTransaction, type Db } from '../db/client';
import { listRollups } from '../db/queries/rollups';
import { createApiKey } from '../lib/keys/create';
import { rebuildRollups } from '../lib/rollups/rebuild';
import { parseSketch, quantileFromSketch } from '../lib/rollups/sketch';
import { METRIC_TYPES } from '../lib/ingest/validation';
import { jsonRequest, withoutParams } from './helpers/http';
import { seededRandom } from './helpers/random';
import { migratedDatabase } from './helpers/tempdb';

const postMetrics = withoutParams(postMetricsRoute);
// The UTC day of a raw metric's timestamp on both engines (ISO text on SQLite; timestamptz in a UTC session on PostgreSQL).
const DAY_OF_TIMESTAMP = 'substr(CAST(timestamp AS text), 1, 10)';

describe('rollups', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ db, cleanup } = await migratedDatabase()));
  afterAll(() => cleanup());

  it('incremental rollups equal rebuilt ones after a random concurrent workload', async () => {
    const { key } = await createApiKey(db, { service: 'bench', rateLimit: 1_000_000 }, 'test');
    const next = seededRandom(7);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
    const now = Date.now();
    const batch = () => ({
      service: pick(['auth-server', 'registry']),
      metrics: Array.from({ length: 1 + Math.floor(next() * 40) }, () => ({
        type: pick(METRIC_TYPES),
        // Spread over three days, so hours and days both get several rows.
        timestamp: new Date(now - Math.floor(next() * 3 * 86_400_000)).toISOString().replace('Z', ''),
        value: Math.round((next() - 0.3) * 1e6) / 1e3,
        duration_ms: next() < 0.2 ? null : next() < 0.05 ? 0 : Math.exp(next() * 10) / 10,
        dimensions: next() < 0.3 ? {} : { success: pick([true, false, 'true', 'false', null, 'maybe']) },
      })),
    });
    // Concurrent requests, so the group commit shares transactions between them.
    for (let round = 0; round < 10; round++) {
      const responses = await Promise.all(Array.from({ length: 8 }, () => postMetrics(jsonRequest('/metrics', { key, body: batch() }))));
      expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200));
    }
    // Every metric of a typed kind has its row in the type's table (written 32 rows per statement).
    for (const [type, table] of [
      ['auth_request', 'auth_metrics'],
      ['tool_discovery', 'discovery_metrics'],
      ['tool_execution', 'tool_metrics'],
    ]) {
      const pairs = await db.all(`SELECT m.request_id || CAST(m.timestamp AS text) AS k FROM metrics m WHERE metric_type = ? ORDER BY k`, [type]);
      expect(pairs.length).toBeGreaterThan(32);
      expect(await db.all(`SELECT request_id || CAST(timestamp AS text) AS k FROM ${table} ORDER BY k`)).toEqual(pairs);
    }
    const incremental = { hourly: await listRollups(db, 'hourly'), daily: await listRollups(db, 'daily') };
    expect(incremental.daily.length).toBeGreaterThan(10);
    expect(incremental.daily.reduce((n, r) => n + r.count, 0)).toBe((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM metrics'))!.n);

    await writeTransaction(db, async (tx) => {
      await tx.run(`UPDATE metrics_hourly SET count = 0, sum_value = 0, duration_sketch = NULL`);
      await tx.run(`DELETE FROM metrics_daily`);
    });
    const result = await rebuildRollups(db, {}, 'test');
    expect(result.metrics).toBe(incremental.daily.reduce((n, r) => n + r.count, 0));
    expect({ hourly: await listRollups(db, 'hourly'), daily: await listRollups(db, 'daily') }).toEqual(incremental);
  });

  it('rebuilds only the given days and keeps p95 within 2% of the raw durations', async () => {
    const day = (await listRollups(db, 'daily')).reduce((a, b) => (b.durationCount > a.durationCount ? b : a));
    const others = (await listRollups(db, 'daily')).filter((r) => r.bucket !== day.bucket);
    await writeTransaction(db, async (tx) => {
      await tx.run(`DELETE FROM metrics_daily WHERE date = ?`, [day.bucket]);
      await tx.run(`UPDATE metrics_daily SET count = -1 WHERE date <> ?`, [day.bucket]);
    });
    await rebuildRollups(db, { from: day.bucket, to: day.bucket }, 'test');
    const after = await listRollups(db, 'daily');
    expect(after.find((r) => r.bucket === day.bucket && r.service === day.service && r.metricType === day.metricType)).toEqual(day);
    expect(after.filter((r) => r.bucket !== day.bucket).every((r) => r.count === -1)).toBe(true);
    await rebuildRollups(db, {}, 'test');
    expect((await listRollups(db, 'daily')).filter((r) => r.bucket !== day.bucket)).toEqual(others);

    const durations = (
      await db.all<{ duration_ms: number }>(
        `SELECT duration_ms FROM metrics WHERE service = ? AND metric_type = ? AND ${DAY_OF_TIMESTAMP} = ? AND duration_ms IS NOT NULL ORDER BY duration_ms`,
        [day.service, day.metricType, day.bucket],
      )
    ).map((r) => r.duration_ms);
    expect(durations.length).toBeGreaterThan(20);
    const exact = durations[Math.ceil(0.95 * durations.length) - 1]!;
    const estimate = quantileFromSketch(parseSketch(day.durationSketch), 0.95)!;
    expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(0.02 * exact);
    await expect(rebuildRollups(db, { from: '2026-02-30' }, 'test')).rejects.toThrow(/from: not a calendar date/);
    await expect(rebuildRollups(db, { from: '2026-02-02', to: '2026-02-01' }, 'test')).rejects.toThrow(/must not be after/);
  });

  it('a full rebuild keeps the rollups of days whose raw metrics retention has partly deleted', async () => {
    await rebuildRollups(db, {}, 'test');
    const before = { hourly: await listRollups(db, 'hourly'), daily: await listRollups(db, 'daily') };
    const oldest = before.daily.map((r) => r.bucket).sort()[0]!;
    const deleted = await writeTransaction(db, (tx) => tx.run(`DELETE FROM metrics WHERE ${DAY_OF_TIMESTAMP} = ? AND id % 2 = 0`, [oldest]));
    expect(deleted).toBeGreaterThan(0);

    const result = await rebuildRollups(db, {}, 'test');
    expect(result.daysKept).toEqual([oldest]);
    expect(result.daysRebuilt).toBeGreaterThan(1);
    expect({ hourly: await listRollups(db, 'hourly'), daily: await listRollups(db, 'daily') }).toEqual(before);
    expect((await db.get<{ after: string }>(`SELECT after FROM audit_log WHERE action = 'rollup.rebuild' ORDER BY id DESC LIMIT 1`))!.after).toContain(
      `"daysKept":["${oldest}"]`,
    );
  });

  it('builds on the stored row even when another writer changed it since this process last wrote it', async () => {
    const { key } = await createApiKey(db, { service: 'cache', rateLimit: 1000 }, 'test');
    const post = (value: number) =>
      postMetrics(jsonRequest('/metrics', { key, body: { service: 'cache', metrics: [{ type: 'custom', value, duration_ms: 5 }] } }));
    await post(1);
    await post(2);
    await writeTransaction(db, (tx) => tx.run(`UPDATE metrics_daily SET sum_value = sum_value + 1000, count = count + 10 WHERE service = 'cache'`));
    await post(4);
    const row = (await listRollups(db, 'daily')).find((r) => r.service === 'cache')!;
    expect(row).toMatchObject({ count: 13, sumValue: 1007, durationCount: 3 });
  });
});
