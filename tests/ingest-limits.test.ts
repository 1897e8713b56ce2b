import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as postMetricsRoute } from '../app/metrics/route';
import { GET as rateLimitRoute } from '../app/rate-limit/route';
import type { Db } from '../db/client';
import { closeDb, getDb } from '../db/connection';
import { createApiKey } from '../lib/keys/create';
import { setKeyLimits } from '../lib/keys/set-limits';
import { peekTokens, takeToken } from '../db/queries/rate-limit';
import { jsonRequest, withoutParams } from './helpers/http';
import { migratedDatabase } from './helpers/tempdb';

const postMetrics = withoutParams(postMetricsRoute);
const rateLimit = withoutParams(rateLimitRoute);

const body = { service: 'svc', metrics: [{ type: 'custom', value: 1 }] };
const send = (key: string) => postMetrics(jsonRequest('/metrics', { key, body }));

describe('rate limit and usage limits', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ db, cleanup } = await migratedDatabase()));
  afterAll(() => cleanup());

  it('N + k concurrent requests against a limit of N get exactly k 429s, with the headers', async () => {
    const { key } = await createApiKey(db, { service: 'svc', rateLimit: 7 }, 'test');
    const responses = await Promise.all(Array.from({ length: 7 + 4 }, () => send(key)));
    const limited = responses.filter((r) => r.status === 429);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(7);
    expect(limited).toHaveLength(4);
    for (const r of limited) {
      expect(await r.json()).toEqual({ detail: 'Rate limit exceeded. Limit: 7 requests/minute' });
      expect(r.headers.get('X-RateLimit-Limit')).toBe('7');
      expect(r.headers.get('X-RateLimit-Remaining')).toBe('0');
      expect(Number(r.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
    }
    // Each accepted request saw the tokens its own take left (in whatever order they reached the bucket).
    expect(
      responses
        .filter((r) => r.status === 200)
        .map((r) => r.headers.get('X-RateLimit-Remaining'))
        .sort(),
    ).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    // 429s are logged and counted as usage too (refused requests as a count per key, minute and status).
    expect(await db.all(`SELECT status_code, SUM(request_count) AS n FROM api_key_usage_log GROUP BY status_code ORDER BY status_code`)).toEqual([
      { status_code: 200, n: 7 },
      { status_code: 429, n: 4 },
    ]);
  });

  it('applies a limit change to the next request', async () => {
    const { key, record } = await createApiKey(db, { service: 'svc', rateLimit: 100 }, 'test');
    expect((await send(key)).headers.get('X-RateLimit-Remaining')).toBe('99');
    await setKeyLimits(db, record.id, { rateLimit: 2 }, 'test');
    const statuses = [];
    for (let i = 0; i < 2; i++) statuses.push((await send(key)).status);
    // One of the two is already used by the first request.
    expect(statuses).toEqual([200, 429]);
    await setKeyLimits(db, record.id, { rateLimit: 1000 }, 'test');
    const raised = await send(key);
    expect(raised.status).toBe(200);
    expect(Number(raised.headers.get('X-RateLimit-Remaining'))).toBeGreaterThanOrEqual(996);
    expect(await (await rateLimit(jsonRequest('/rate-limit', { key }))).json()).toMatchObject({ rate_limit: 1000 });
  });

  it('refills at limit/60 tokens per second', async () => {
    const t0 = 1_000_000;
    for (let i = 0; i < 60; i++) expect((await takeToken(db, 'bucket-test', 60, t0)).allowed).toBe(true);
    expect(await takeToken(db, 'bucket-test', 60, t0)).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
    expect((await takeToken(db, 'bucket-test', 60, t0 + 999)).allowed).toBe(false);
    expect(await takeToken(db, 'bucket-test', 60, t0 + 2000)).toMatchObject({ allowed: true, remaining: 1 });
    // Lowering the limit keeps the tokens used: 59 used of 60 leaves none of 30.
    expect(await takeToken(db, 'bucket-test', 30, t0 + 2000)).toMatchObject({ allowed: false, remaining: 0 });
    expect(await peekTokens(db, 'bucket-test', 60, t0 + 62_000)).toMatchObject({ remaining: 60, resetSeconds: 0 });
  });

  it('enforces daily and monthly limits from persisted counts, surviving a restart', async () => {
    const daily = await createApiKey(db, { service: 'svc', dailyUsageLimit: 3 }, 'test');
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await send(daily.key)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    // A bad body still counts as a request; GET /rate-limit does not.
    const refused = await send(daily.key);
    expect(await refused.json()).toEqual({ detail: 'Daily usage limit exceeded. Limit: 3 requests/day' });
    const retryAfter = Number(refused.headers.get('Retry-After'));
    const secondsToMidnight = (Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1) - Date.now()) / 1000;
    expect(Math.abs(retryAfter - secondsToMidnight)).toBeLessThan(5);

    const monthly = await createApiKey(db, { service: 'svc', monthlyUsageLimit: 2 }, 'test');
    await postMetrics(jsonRequest('/metrics', { key: monthly.key, body: { service: 'svc' } }));
    await rateLimit(jsonRequest('/rate-limit', { key: monthly.key }));
    expect((await send(monthly.key)).status).toBe(200);
    expect(await (await send(monthly.key)).json()).toEqual({ detail: 'Monthly usage limit exceeded. Limit: 2 requests/month' });

    // "Restart": a new Db, with no usage counted in memory, starts from the usage log alone.
    await closeDb();
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('mcp-metrics.quota-counters')];
    db = getDb();
    expect((await send(daily.key)).status).toBe(429);
    expect((await send(monthly.key)).status).toBe(429);
    await setKeyLimits(db, daily.record.id, { dailyUsageLimit: 4 }, 'test');
    expect((await send(daily.key)).status).toBe(200);
    expect((await send(daily.key)).status).toBe(429);
    await setKeyLimits(db, daily.record.id, { dailyUsageLimit: null }, 'test');
    expect((await send(daily.key)).status).toBe(200);
  });
});
