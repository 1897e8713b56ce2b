import { spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../lib/keys/create';
import { startProductionServer, stopProductionServer, waitForHealth } from './helpers/prod-server';
import { promQuery, startPrometheus, untilQuery, type Sample } from './helpers/prometheus';
import { migratedDatabase, tempDir, type TestDatabase } from './helpers/tempdb';

// The production server of the current build (`npm test` builds first; NEXT_DIST_DIR picks another),
// its Prometheus listener, and a real Prometheus scraping both it and the main port.
const DIST_DIR = process.env.NEXT_DIST_DIR || '.next';
const base = 20_000 + Math.floor(Math.random() * 15_000);
const [PORT, EXPOSITION_PORT, PROMETHEUS_PORT] = [base, base + 1, base + 2];
const BASE = `http://127.0.0.1:${PORT}`;
const TOKEN = 'observability-scrape-token-42';

const post = (key: string, body: unknown) =>
  fetch(`${BASE}/metrics`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** What the gateway sends: tool calls by two clients (one failing call in three), auth requests, a discovery, latency. */
const gatewayBatch = () => ({
  service: 'mcpgw',
  metrics: [
    ...Array.from({ length: 30 }, (_, i) => ({
      type: 'tool_execution',
      value: 1,
      duration_ms: 40 + i,
      dimensions: { method: 'tools/call', tool_name: `tool_${i % 3}`, server_name: 'weather', success: i % 3 !== 0, client_name: i % 2 ? 'claude' : 'cursor' },
    })),
    ...Array.from({ length: 10 }, (_, i) => ({
      type: 'auth_request',
      value: 1,
      duration_ms: 5 + i * 100,
      dimensions: { success: i !== 9, method: 'jwt', server: 'auth' },
    })),
    { type: 'tool_discovery', value: 1, duration_ms: 300, dimensions: { query: 'weather tools', results_count: 5 } },
    { type: 'protocol_latency', value: 0.04, dimensions: { flow_step: 'initialize', server_name: 'weather' } },
  ],
});

const exposition = async () => {
  const response = await fetch(`http://127.0.0.1:${EXPOSITION_PORT}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
};
const lines = (text: string, name: string) => text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
const valueOf = (line: string) => Number(line.slice(line.lastIndexOf(' ') + 1));
const numbers = (samples: Sample[]) => samples.map((s) => Number(s.value[1]));

/** The local address a TCP port listens on, from /proc/net/tcp (hex, little-endian IPv4). */
function listeningAddress(port: number): string | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const row = fs
    .readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .find((fields) => fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A');
  return (
    row &&
    row[1]!
      .split(':')[0]!
      .match(/../g)!
      .reverse()
      .map((byte) => parseInt(byte, 16))
      .join('.')
  );
}

describe('Prometheus exposition of the production server (port 9465 and the main port) and a real Prometheus', () => {
  let database: TestDatabase;
  let dir: { dir: string; cleanup: () => void };
  let server: ChildProcess | undefined;
  let prometheus: ChildProcess | undefined;
  let key: string;
  let adminKey: string;
  let output = '';

  beforeAll(async () => {
    database = await migratedDatabase();
    dir = tempDir('mcp-metrics-prometheus-');
    key = (await createApiKey(database.db, { service: 'mcpgw', rateLimit: 100_000 }, 'test')).key;
    adminKey = (await createApiKey(database.db, { service: 'ops', isAdmin: true }, 'test')).key;
    server = startProductionServer({
      dbFile: database.file,
      port: PORT,
      distDir: DIST_DIR,
      stderr: 'pipe',
      stdout: 'pipe',
      env: {
        OTEL_PROMETHEUS_ENABLED: 'true',
        OTEL_PROMETHEUS_PORT: String(EXPOSITION_PORT),
        PROMETHEUS_SCRAPE_TOKEN: TOKEN,
        METRICS_SERVICE_HOST: '127.0.0.1',
      },
    });
    server.stdout!.on('data', (chunk) => (output += chunk));
    await waitForHealth(BASE, server);
    prometheus = startPrometheus(dir.dir, PROMETHEUS_PORT, [
      { job: 'metrics-service', target: `127.0.0.1:${EXPOSITION_PORT}` },
      { job: 'metrics-service-main', target: `127.0.0.1:${PORT}`, bearer: TOKEN },
    ]);
  }, 240_000);

  afterAll(async () => {
    prometheus?.kill('SIGTERM');
    if (server) await stopProductionServer(server, 'SIGTERM');
    await database?.cleanup();
    dir?.cleanup();
  });

  it('binds both ports to METRICS_SERVICE_HOST and says where the exposition is', async () => {
    expect(listeningAddress(PORT), output).toBe('127.0.0.1');
    expect(listeningAddress(EXPOSITION_PORT), output).toBe('127.0.0.1');
    expect(output).toContain(`[telemetry] Prometheus exposition on http://127.0.0.1:${EXPOSITION_PORT}/metrics`);
  });

  it('exposes the old service’s series: names, labels spelled True/False, buckets in seconds, exact counts', async () => {
    for (let i = 0; i < 2; i++) expect((await post(key, gatewayBatch())).status).toBe(200);
    const text = await exposition();
    // Prometheus' own linter reads it as valid text format.
    const lint = spawnSync('/usr/bin/promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(lint.status, lint.stdout + lint.stderr).toBe(0);

    expect(text).toMatch(/^# TYPE mcp_tool_executions_total counter$/m);
    expect(text).toMatch(/^# TYPE mcp_tool_execution_duration_seconds histogram$/m);
    expect(text).toMatch(/^target_info\{service_name="mcp-metrics-service",/m);
    const calls = lines(text, 'mcp_tool_executions_total');
    expect(calls.reduce((sum, line) => sum + valueOf(line), 0)).toBe(60);
    expect(calls).toContain(
      'mcp_tool_executions_total{service="mcpgw",metric_type="tool_execution",method="tools/call",server_name="weather",tool_name="tool_1",client_name="claude",success="True"} 10',
    );
    expect(calls.some((line) => line.includes('success="False"'))).toBe(true);
    expect(lines(text, 'mcp_auth_requests_total').reduce((sum, line) => sum + valueOf(line), 0)).toBe(20);
    expect(lines(text, 'mcp_tool_discovery_total').map(valueOf)).toEqual([2]);

    // Auth durations 5, 105, ... 905 ms, the last one failing: the 5 ms bucket holds the two 5 ms ones, +Inf all 18 successes.
    const ok = '{service="mcpgw",metric_type="auth_request",success="True",method="jwt",server="auth"';
    expect(text).toContain(`mcp_auth_request_duration_seconds_bucket${ok},le="0.005"} 2\n`);
    expect(text).toContain(`mcp_auth_request_duration_seconds_bucket${ok},le="0.25"} 6\n`);
    expect(text).toContain(`mcp_auth_request_duration_seconds_bucket${ok},le="+Inf"} 18\n`);
    expect(text).toContain(`mcp_auth_request_duration_seconds_count${ok}} 18\n`);
    expect(
      valueOf(lines(text, 'mcp_auth_request_duration_seconds_sum').find((line) => line.startsWith(`mcp_auth_request_duration_seconds_sum${ok}}`))!),
    ).toBeCloseTo(7.29, 9);
    expect(text).toContain(
      'mcp_protocol_latency_seconds_count{service="mcpgw",metric_type="protocol_latency",flow_step="initialize",server_name="weather"} 2\n',
    );
    expect(text).toMatch(/^mcp_metrics_ingest_requests_total\{endpoint="\/metrics",status_code="200"\} 2$/m);
    expect(text).toMatch(/^mcp_metrics_database_size_bytes \d+$/m);
    expect(text).toMatch(/^mcp_metrics_table_rows\{table="metrics"\} \d+$/m);
  });

  it('keeps series bounded under 3,000 distinct tool names, the total exact', async () => {
    for (let batch = 0; batch < 30; batch++) {
      const metrics = Array.from({ length: 100 }, (_, i) => ({
        type: 'tool_execution',
        value: 1,
        dimensions: { method: 'tools/call', tool_name: `random-${batch}-${i}`, success: true, client_name: 'fuzzer' },
      }));
      expect((await post(key, { service: 'mcpgw', metrics })).status).toBe(200);
    }
    const text = await exposition();
    const calls = lines(text, 'mcp_tool_executions_total');
    expect(calls.reduce((sum, line) => sum + valueOf(line), 0)).toBe(3060);
    const tools = new Set(calls.map((line) => /tool_name="([^"]*)"/.exec(line)?.[1]));
    // 150 values per label name: 3 real tools, 147 random ones, then _other.
    expect(tools.size).toBe(151);
    expect(tools.has('_other')).toBe(true);
    expect(calls.length).toBeLessThanOrEqual(160);
    expect(text).toMatch(/^mcp_metrics_label_overflow_total\{label="tool_name"\} 2853$/m);
  });

  it('answers GET /metrics on the main port to the scrape token or an admin key, 401 otherwise', async () => {
    expect((await fetch(`${BASE}/metrics`)).status).toBe(401);
    expect((await fetch(`${BASE}/metrics`, { headers: { 'x-api-key': key } })).status).toBe(401);
    for (const authorization of [`Bearer ${TOKEN}`, `Bearer ${adminKey}`]) {
      const response = await fetch(`${BASE}/metrics`, { headers: { authorization } });
      expect(response.status).toBe(200);
      expect(lines(await response.text(), 'mcp_tool_executions_total').reduce((sum, line) => sum + valueOf(line), 0)).toBe(3060);
    }
  });

  it('is scraped by Prometheus on both ports, and the Grafana dashboard’s PromQL returns data', async () => {
    await untilQuery(PROMETHEUS_PORT, 'up', (samples) => samples.length === 2 && numbers(samples).every((v) => v === 1));
    // Prometheus holds the current totals; then more traffic, so that rates have an increase to see.
    await untilQuery(PROMETHEUS_PORT, 'sum(mcp_tool_executions_total{job="metrics-service"})', (s) => numbers(s)[0] === 3060);
    for (let i = 0; i < 3; i++) expect((await post(key, gatewayBatch())).status).toBe(200);
    for (const job of ['metrics-service', 'metrics-service-main']) {
      await untilQuery(PROMETHEUS_PORT, `sum(mcp_tool_executions_total{job="${job}"})`, (s) => numbers(s)[0] === 3150);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const toolCalls = await promQuery(PROMETHEUS_PORT, 'sum(rate(mcp_tool_executions_total{method="tools/call", success="True"}[1m]))');
    expect(numbers(toolCalls)[0]).toBeGreaterThan(0);
    const p95 = await promQuery(PROMETHEUS_PORT, 'histogram_quantile(0.95, sum(rate(mcp_auth_request_duration_seconds_bucket[5m])) by (le))');
    expect(numbers(p95)[0]).toBeGreaterThan(0.25);
    expect(numbers(p95)[0]).toBeLessThanOrEqual(1);
    const perSeries = await promQuery(PROMETHEUS_PORT, 'histogram_quantile(0.95, rate(mcp_auth_request_duration_seconds_bucket[5m]))');
    expect(perSeries.length).toBeGreaterThan(0);
    const clients = await promQuery(PROMETHEUS_PORT, 'topk(10, sum(mcp_tool_executions_total{job="metrics-service"}) by (client_name))');
    expect(Object.fromEntries(clients.map((s) => [s.metric.client_name, Number(s.value[1])]))).toEqual({ fuzzer: 3000, claude: 75, cursor: 75 });
    const failures = await promQuery(PROMETHEUS_PORT, 'sum(increase(mcp_tool_executions_total{success="False"}[5m])) by (tool_name)');
    expect(failures.map((s) => s.metric.tool_name)).toEqual(['tool_0']);
    const ingest = await promQuery(PROMETHEUS_PORT, 'sum(rate(mcp_metrics_ingest_requests_total{status_code="200"}[1m]))');
    expect(numbers(ingest)[0]).toBeGreaterThan(0);
    const latency = await promQuery(PROMETHEUS_PORT, 'histogram_quantile(0.5, sum(rate(mcp_protocol_latency_seconds_bucket[5m])) by (le))');
    expect(numbers(latency)[0]).toBeGreaterThan(0.025);
    expect(numbers(latency)[0]).toBeLessThanOrEqual(0.05);
  }, 90_000);
});
