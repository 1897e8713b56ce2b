import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as apiInfo } from '../app/api/route';
import { POST as flushRoute } from '../app/flush/route';
import { POST as postMetricsRoute } from '../app/metrics/route';
import { GET as rateLimitRoute } from '../app/rate-limit/route';
import type { Db } from '../db/client';
import { listRollups } from '../db/queries/rollups';
import { reloadConfig } from '../lib/config/config';
import { createApiKey } from '../lib/keys/create';
import { revokeApiKey } from '../lib/keys/revoke';
import { jsonRequest, pythonUtcNow, withoutParams } from './helpers/http';
import { migratedDatabase } from './helpers/tempdb';

const postMetrics = withoutParams(postMetricsRoute);
const rateLimit = withoutParams(rateLimitRoute);
const flush = withoutParams(flushRoute);

let db: Db;
let cleanup: () => Promise<void>;
let key: string;
let keyHash: string;

const send = (body: unknown, options: { key?: string | null; rawBody?: string; headers?: Record<string, string> } = {}) =>
  postMetrics(jsonRequest('/metrics', { key: options.key === undefined ? key : options.key, body, rawBody: options.rawBody, headers: options.headers }));

const count = async (table: string) => (await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n;

beforeAll(async () => {
  ({ db, cleanup } = await migratedDatabase());
  const created = await createApiKey(db, { service: 'auth-server', rateLimit: 100_000 }, 'test');
  key = created.key;
  keyHash = created.record.keyHash;
});
afterAll(() => cleanup());

describe('POST /metrics', () => {
  it('accepts a batch as the gateway client sends it and stores metrics, type rows and rollups', async () => {
    const ts = pythonUtcNow(-1000);
    const response = await send({
      service: 'auth-server',
      version: '1.2.0',
      instance_id: 'auth-pod-01.a',
      metrics: [
        {
          type: 'auth_request',
          timestamp: ts,
          value: 1,
          duration_ms: 45.2,
          dimensions: { method: 'jwt', success: true, server: 'auth-01', user_hash: 'u1' },
          metadata: { error_code: null },
        },
        {
          type: 'tool_discovery',
          value: 3,
          duration_ms: null,
          dimensions: { query: 'weather', results_count: '5', top_k_services: 3, top_n_tools: 5 },
          metadata: { embedding_time_ms: 1.5, faiss_search_time_ms: 0.4 },
        },
        {
          type: 'tool_execution',
          timestamp: '2026-01-01T10:00:00+02:00',
          value: 1,
          duration_ms: 120,
          dimensions: { tool_name: 'get_weather', server_path: '/weather', server_name: 'weather', success: 'false' },
          metadata: { error_code: 'TIMEOUT', input_size_bytes: 10, output_size_bytes: 20 },
        },
        { type: 'custom', value: -2.5 },
      ],
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({ status: 'success', accepted: 4, rejected: 0, errors: [], request_id: expect.stringMatching(/^req_[0-9a-f]{16}$/) });
    expect(response.headers.get('X-RateLimit-Limit')).toBe('100000');
    expect(Number(response.headers.get('X-RateLimit-Remaining'))).toBeGreaterThan(0);

    // Stored in timestamp order (see commitWrites), so look the rows up by type.
    const stored = await db.all<Record<string, unknown>>(`SELECT * FROM metrics WHERE request_id = ? ORDER BY id`, [body.request_id]);
    expect(stored.map((r) => r.metric_type)).toEqual(['tool_execution', 'auth_request', 'tool_discovery', 'custom']);
    const rows = ['auth_request', 'tool_discovery', 'tool_execution', 'custom'].map((type) => stored.find((r) => r.metric_type === type)!);
    expect(rows[0]).toMatchObject({
      service: 'auth-server',
      service_version: '1.2.0',
      instance_id: 'auth-pod-01.a',
      metric_type: 'auth_request',
      timestamp: ts.slice(0, 23) + 'Z',
      value: 1,
      duration_ms: 45.2,
    });
    expect(JSON.parse(rows[0]!.dimensions as string)).toEqual({ method: 'jwt', success: true, server: 'auth-01', user_hash: 'u1' });
    expect(JSON.parse(rows[0]!.metadata as string)).toEqual({ error_code: null });
    expect(rows[1]!.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(rows[2]!.timestamp).toBe('2026-01-01T08:00:00.000Z');
    expect(rows[3]).toMatchObject({ dimensions: null, metadata: null, duration_ms: null });

    // Flags are 1/0 on SQLite and booleans on PostgreSQL: read as integers on both.
    expect(
      await db.get(`SELECT CAST(success AS integer) AS success, method, server, user_hash, error_code, duration_ms FROM auth_metrics WHERE request_id = ?`, [
        body.request_id,
      ]),
    ).toEqual({ success: 1, method: 'jwt', server: 'auth-01', user_hash: 'u1', error_code: null, duration_ms: 45.2 });
    expect(
      await db.get(
        `SELECT query, results_count, top_k_services, top_n_tools, embedding_time_ms, faiss_search_time_ms FROM discovery_metrics WHERE request_id = ?`,
        [body.request_id],
      ),
    ).toEqual({
      query: 'weather',
      results_count: 5,
      top_k_services: 3,
      top_n_tools: 5,
      embedding_time_ms: 1.5,
      faiss_search_time_ms: 0.4,
    });
    expect(
      await db.get(
        `SELECT tool_name, server_path, server_name, CAST(success AS integer) AS success, error_code, input_size_bytes, output_size_bytes FROM tool_metrics WHERE request_id = ?`,
        [body.request_id],
      ),
    ).toEqual({
      tool_name: 'get_weather',
      server_path: '/weather',
      server_name: 'weather',
      success: 0,
      error_code: 'TIMEOUT',
      input_size_bytes: 10,
      output_size_bytes: 20,
    });
    expect(
      await db.get(
        `SELECT count, sum_value, min_value, max_value, failure_count, success_count, duration_count, avg_duration_ms FROM metrics_daily WHERE metric_type = 'tool_execution' AND date = '2026-01-01'`,
      ),
    ).toEqual({
      count: 1,
      sum_value: 1,
      min_value: 1,
      max_value: 1,
      failure_count: 1,
      success_count: 0,
      duration_count: 1,
      avg_duration_ms: 120,
    });
    const hourly = (await listRollups(db, 'hourly')).filter((r) => r.metricType === 'auth_request');
    expect(hourly.map((r) => ({ bucket: r.bucket, successCount: r.successCount }))).toEqual([{ bucket: ts.slice(0, 13) + ':00:00Z', successCount: 1 }]);
  });

  it('rejects only the invalid metrics of a batch, with indexed errors', async () => {
    const before = await count('metrics');
    const response = await send({
      service: 'svc',
      metrics: [
        { type: 'custom', value: 1 },
        { type: 'custom', value: 1, dimensions: { 'invalid-key': 'x', ok: 'y'.repeat(201) } },
        { type: 'custom', value: 2e12 },
        { type: 'custom', value: 1, duration_ms: 86_400_001 },
        { type: 'custom', value: 1, timestamp: pythonUtcNow(6 * 60_000) },
        { type: 'custom', value: 1, metadata: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`k${i}`, i])) },
        {
          type: 'custom',
          value: 1,
          metadata: { big: { nested: 'z'.repeat(1000) } },
          dimensions: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`d${i}`, i])),
        },
        { type: 'custom', value: 1, timestamp: pythonUtcNow(4 * 60_000), dimensions: { a: null }, metadata: { b: null } },
        { type: 'custom', value: 1, metadata: { ['k'.repeat(5000)]: 1 } },
      ],
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ accepted: 2, rejected: 7 });
    expect(body.errors).toEqual([
      'metrics[1].dimensions.invalid-key: key must match ^[a-zA-Z_][a-zA-Z0-9_]*$',
      'metrics[1].dimensions.ok: value must be at most 200 characters',
      'metrics[2].value: must be a finite number within ±1000000000000',
      'metrics[3].duration_ms: must be within 0..86400000',
      'metrics[4].timestamp: must be at most 5 minutes in the future',
      'metrics[5].metadata: at most 30 fields, got 31',
      'metrics[6].dimensions: at most 20 fields, got 21',
      'metrics[6].metadata.big: value must be at most 1000 characters',
      `metrics[8].metadata.${'k'.repeat(50)}…: key must be 1 to 50 characters`,
    ]);
    expect(await count('metrics')).toBe(before + 2);
  });

  it('rejects a hostile deeply nested dimension or metadata value as too long, never a 500', async () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    for (const field of ['dimensions', 'metadata']) {
      const response = await send(undefined, {
        rawBody: `{"service":"svc","metrics":[{"type":"custom","value":1,"${field}":{"x":${deep}}},{"type":"custom","value":2,"${field}":{"x":[[1,"a"],{"b":null}]}}]}`,
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        accepted: 1,
        rejected: 1,
        errors: [expect.stringMatching(new RegExp(`^metrics\\[0\\]\\.${field}\\.x: value must be at most`))],
      });
    }
  });

  it('rejects a request-level violation whole, storing nothing', async () => {
    const before = await count('metrics');
    for (const [body, error] of [
      [{ service: 'bad service', metrics: [{ type: 'custom', value: 1 }] }, 'service: must match ^[a-zA-Z0-9_-]+$'],
      [{ service: 's'.repeat(101), metrics: [{ type: 'custom', value: 1 }] }, 'service: must be 1 to 100 characters'],
      [{ service: 'svc', instance_id: 'pod/1', metrics: [{ type: 'custom', value: 1 }] }, 'instance_id: must match ^[a-zA-Z0-9_.-]+$'],
      [{ service: 'svc', metrics: [] }, 'metrics: must hold 1 to 100 metrics, got 0'],
      [{ service: 'svc', metrics: Array.from({ length: 101 }, () => ({ type: 'custom', value: 1 })) }, 'metrics: must hold 1 to 100 metrics, got 101'],
    ] as const) {
      const response = await send(body);
      expect(response.status).toBe(200);
      const result = await response.json();
      expect(result).toMatchObject({ accepted: 0, rejected: body.metrics.length, errors: [error] });
    }
    expect(await count('metrics')).toBe(before);
  });

  it('answers 422 with FastAPI-style detail for a body of the wrong shape', async () => {
    const cases: [unknown, string | undefined, { loc: unknown[]; type: string }][] = [
      [undefined, '{"service": "svc", "metrics": [', { loc: ['body', expect.any(Number)], type: 'json_invalid' }],
      [{ service: 'svc' }, undefined, { loc: ['body', 'metrics'], type: 'missing' }],
      [{ service: 'svc', metrics: [{ type: 'custom' }] }, undefined, { loc: ['body', 'metrics', 0, 'value'], type: 'missing' }],
      [{ service: 'svc', metrics: [{ type: 'cpu', value: 1 }] }, undefined, { loc: ['body', 'metrics', 0, 'type'], type: 'enum' }],
      [{ service: 'svc', metrics: [{ type: 'custom', value: '1' }] }, undefined, { loc: ['body', 'metrics', 0, 'value'], type: 'number_type' }],
      [
        { service: 'svc', metrics: [{ type: 'custom', value: 1, timestamp: 'yesterday' }] },
        undefined,
        { loc: ['body', 'metrics', 0, 'timestamp'], type: 'datetime_parsing' },
      ],
      [
        { service: 'svc', metrics: [{ type: 'custom', value: 1, timestamp: '2026-02-30T00:00:00' }] },
        undefined,
        { loc: ['body', 'metrics', 0, 'timestamp'], type: 'datetime_parsing' },
      ],
      [
        { service: 'svc', metrics: [{ type: 'custom', value: 1, dimensions: [] }] },
        undefined,
        { loc: ['body', 'metrics', 0, 'dimensions'], type: 'record_type' },
      ],
      [[1, 2], undefined, { loc: ['body'], type: 'object_type' }],
    ];
    for (const [body, raw, issue] of cases) {
      const response = await send(body, { rawBody: raw });
      expect(response.status, JSON.stringify(body ?? raw)).toBe(422);
      const { detail } = await response.json();
      expect(detail[0]).toEqual({ ...issue, msg: expect.any(String) });
    }
  });

  it('answers 401 for a missing, unknown or inactive key and 413 for an oversized body', async () => {
    const good = { service: 'svc', metrics: [{ type: 'custom', value: 1 }] };
    expect(await (await send(good, { key: null })).json()).toEqual({ detail: 'API key required in X-API-Key header' });
    const unknown = await send(good, { key: 'mcp_metrics_unknown' });
    expect([unknown.status, await unknown.json()]).toEqual([401, { detail: 'Invalid API key' }]);
    const other = await createApiKey(db, { service: 'gone' }, 'test');
    await revokeApiKey(db, other.record.id, 'test');
    const inactive = await send(good, { key: other.key });
    expect([inactive.status, await inactive.json()]).toEqual([401, { detail: 'API key is inactive' }]);
    // A known key, even revoked, gets the rate-limit headers (and a usage entry).
    expect(inactive.headers.get('X-RateLimit-Limit')).toBe('1000');
    expect(unknown.headers.get('X-RateLimit-Limit')).toBeNull();

    process.env.MAX_REQUEST_SIZE = '200';
    reloadConfig();
    try {
      const big = await send({ service: 'svc', metrics: [{ type: 'custom', value: 1, metadata: { pad: 'x'.repeat(300) } }] });
      expect(big.status).toBe(413);
      expect((await big.json()).detail).toMatch(/too large/);
      // A body without Content-Length is cut off while streaming.
      const stream = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode('x'.repeat(500))), c.close()) });
      const streamed = await postMetrics(
        new Request('http://localhost/metrics', { method: 'POST', headers: { 'x-api-key': key }, body: stream, duplex: 'half' } as RequestInit),
      );
      expect(streamed.status).toBe(413);
    } finally {
      delete process.env.MAX_REQUEST_SIZE;
      reloadConfig();
    }
  });

  it('logs usage of every request by a known key, 4xx included, without the plaintext', async () => {
    const { key: k, record } = await createApiKey(db, { service: 'usage' }, 'test');
    await send({ service: 'usage', metrics: [{ type: 'custom', value: 1 }] }, { key: k });
    await send({ service: 'usage' }, { key: k });
    await flush(jsonRequest('/flush', { method: 'POST', key: k }));
    await rateLimit(jsonRequest('/rate-limit', { key: k }));
    const log = await db.all(
      `SELECT endpoint, status_code, service_name, CAST(bytes_processed > 0 AS integer) AS "hasBytes", CAST(duration_ms >= 0 AS integer) AS "hasDuration"
       FROM api_key_usage_log WHERE key_hash = ? ORDER BY id`,
      [record.keyHash],
    );
    expect(log).toEqual([
      { endpoint: '/metrics', status_code: 200, service_name: 'usage', hasBytes: 1, hasDuration: 1 },
      { endpoint: '/metrics', status_code: 422, service_name: 'usage', hasBytes: 1, hasDuration: 1 },
      { endpoint: '/flush', status_code: 200, service_name: 'usage', hasBytes: 0, hasDuration: 1 },
      { endpoint: '/rate-limit', status_code: 200, service_name: 'usage', hasBytes: 0, hasDuration: 1 },
    ]);
    expect(await db.get(`SELECT usage_count, CAST(last_used_at IS NOT NULL AS integer) AS used FROM api_keys WHERE id = ?`, [record.id])).toEqual({
      usage_count: 4,
      used: 1,
    });
    expect(JSON.stringify(await db.all(`SELECT * FROM api_key_usage_log`))).not.toContain(k);
    expect(keyHash).not.toBe(record.keyHash);
  });
});

describe('other endpoints', () => {
  it('POST /flush succeeds for a key and is 401 without one', async () => {
    const ok = await flush(jsonRequest('/flush', { method: 'POST', key }));
    expect(ok.status).toBe(200);
    expect((await ok.json()).status).toBe('success');
    expect((await flush(jsonRequest('/flush', { method: 'POST' }))).status).toBe(401);
  });

  it('GET /rate-limit reports the bucket without consuming, 401 for a bad key', async () => {
    const { key: k } = await createApiKey(db, { service: 'peek', rateLimit: 60 }, 'test');
    for (let i = 0; i < 3; i++) {
      const response = await rateLimit(jsonRequest('/rate-limit', { key: k }));
      expect(await response.json()).toEqual({ service: 'peek', rate_limit: 60, available_tokens: 60, reset_time_seconds: 0 });
    }
    await send({ service: 'peek', metrics: [{ type: 'custom', value: 1 }] }, { key: k });
    const after = await (await rateLimit(jsonRequest('/rate-limit', { key: k }))).json();
    expect(after).toMatchObject({ available_tokens: 59, reset_time_seconds: 1 });
    const bad = await rateLimit(jsonRequest('/rate-limit', { key: 'nope' }));
    expect([bad.status, await bad.json()]).toEqual([401, { detail: 'Invalid API key' }]);
  });

  it('GET /api describes the service', async () => {
    const info = await apiInfo().json();
    expect(info).toMatchObject({ service: 'mcp-metrics', version: expect.any(String), endpoints: { metrics: { method: 'POST', path: '/metrics' } } });
  });
});
