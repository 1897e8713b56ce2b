import { spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteDb } from '../db/sqlite-client';
import { attributes, startOtlpReceiver, type OtlpExport } from './helpers/otlp-receiver';
import { OLD_ENV } from './helpers/old-env';
import { startProductionServer, stopProductionServer, waitForHealth } from './helpers/prod-server';
import { tempDir } from './helpers/tempdb';

// The production server of the current build (`npm test` builds first; NEXT_DIST_DIR picks another).
const DIST_DIR = process.env.NEXT_DIST_DIR || '.next';
const base = 20_000 + Math.floor(Math.random() * 15_000);
const [PORT, EXPOSITION_PORT] = [base, base + 1];
const BASE = `http://127.0.0.1:${PORT}`;
const ENV_KEY = 'gateway-key-from-the-old-env-0123456789';
const root = path.resolve(__dirname, '..');

const post = (body: string) => fetch(`${BASE}/metrics`, { method: 'POST', headers: { 'x-api-key': ENV_KEY, 'content-type': 'application/json' }, body });
const toolCalls = (n: number) =>
  JSON.stringify({
    service: 'mcpgw',
    metrics: Array.from({ length: n }, (_, i) => ({
      type: 'tool_execution',
      value: 1,
      duration_ms: 30,
      dimensions: { tool_name: 'get_weather', success: i % 4 !== 0 },
    })),
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(100)) {
    const found = probe();
    if (found !== undefined) return found;
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
}

/** The total of mcp_tool_executions_total in one push, if it has the series. */
const pushedCalls = (push: OtlpExport) =>
  push.metrics.find((m) => m.name === 'mcp_tool_executions_total')?.sum?.dataPoints.reduce((sum, p) => sum + Number(p.asDouble ?? p.asInt ?? 0), 0);

describe('start-up with the old service’s .env.example (ports and paths changed)', () => {
  let dir: { dir: string; cleanup: () => void };
  let dbFile: string;
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let server: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    dir = tempDir('mcp-metrics-old-env-');
    dbFile = path.join(dir.dir, 'sqlite', 'metrics.db');
    receiver = await startOtlpReceiver();
    server = startProductionServer({
      dbFile,
      port: PORT,
      distDir: DIST_DIR,
      stderr: 'pipe',
      stdout: 'pipe',
      env: {
        ...OLD_ENV,
        PORT: '',
        METRICS_SERVICE_PORT: String(PORT),
        METRICS_SERVICE_HOST: '127.0.0.1',
        DATABASE_URL: `sqlite://${dbFile}`,
        SQLITE_DB_PATH: dbFile,
        METRICS_RETENTION_DAYS: '30',
        METRICS_RATE_LIMIT: '500',
        OTEL_PROMETHEUS_PORT: String(EXPOSITION_PORT),
        OTEL_OTLP_ENDPOINT: receiver.url,
        OTEL_METRIC_EXPORT_INTERVAL: '500',
        METRICS_API_KEY_MCPGW: ENV_KEY,
      },
    });
    server.stdout!.on('data', (chunk) => (output += chunk));
    await waitForHealth(BASE, server);
  }, 240_000);

  afterAll(async () => {
    if (server) await stopProductionServer(server, 'SIGTERM');
    await receiver?.close();
    dir?.cleanup();
  });

  it('serves on METRICS_SERVICE_PORT, keeps the database at the sqlite:/// path, honours retention days and the rate limit', async () => {
    const response = await post(toolCalls(8));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ratelimit-limit')).toBe('500');
    const db = SqliteDb.open(dbFile);
    try {
      expect(
        await db.all(`SELECT table_name, retention_days FROM retention_policies WHERE table_name IN ('metrics', 'tool_metrics', 'metrics_daily') ORDER BY 1`),
      ).toEqual([
        { table_name: 'metrics', retention_days: 30 },
        { table_name: 'metrics_daily', retention_days: 1095 },
        { table_name: 'tool_metrics', retention_days: 30 },
      ]);
      expect((await db.get<{ n: number }>(`SELECT count(*) AS n FROM metrics`))!.n).toBe(8);
    } finally {
      await db.close();
    }
    expect((await fetch(`http://127.0.0.1:${EXPOSITION_PORT}/metrics`)).status).toBe(200);
  });

  it('accepts bodies up to MAX_REQUEST_SIZE=10MB (not a 500), and refuses larger ones with 413', async () => {
    const padded = toolCalls(2) + ' '.repeat(3 * 1024 * 1024);
    expect((await post(padded)).status).toBe(200);
    const tooLarge = await post(toolCalls(1) + ' '.repeat(10 * 1024 * 1024));
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual({ detail: 'Request body too large: the limit is 10485760 bytes' });
  });

  it('pushes the series over OTLP/HTTP protobuf to OTEL_OTLP_ENDPOINT/v1/metrics, as service.name mcp-metrics-service', async () => {
    const push = await until('a push with all 10 tool calls', () => receiver.received.find((p) => pushedCalls(p) === 10));
    expect(push.path).toBe('/v1/metrics');
    expect(push.contentType).toBe('application/x-protobuf');
    expect(push.resource['service.name']).toBe('mcp-metrics-service');
    const calls = push.metrics.find((m) => m.name === 'mcp_tool_executions_total')!.sum!;
    expect(calls.isMonotonic).toBe(true);
    expect(calls.dataPoints.map((p) => [attributes(p.attributes).success, Number(p.asDouble ?? p.asInt)]).sort()).toEqual([
      ['False', 3],
      ['True', 7],
    ]);
    const durations = push.metrics.find((m) => m.name === 'mcp_tool_execution_duration_seconds')!;
    expect(durations.unit).toBe('s');
    expect(durations.histogram!.dataPoints.reduce((sum, p) => sum + Number(p.count), 0)).toBe(10);
    expect(durations.histogram!.dataPoints[0]!.explicitBounds).toEqual([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);
    expect(push.metrics.map((m) => m.name)).toEqual(expect.arrayContaining(['mcp_metrics_ingest_requests_total', 'mcp_metrics_table_rows']));
    expect(output).toContain(`[telemetry] pushing OTLP to ${receiver.url}/v1/metrics every 0.5 s`);
  });

  it('goes on ingesting while the collector refuses connections, and says so once per outage', async () => {
    await receiver.close();
    const started = Date.now();
    // Six push intervals of traffic against a collector that is gone.
    for (let i = 0; Date.now() - started < 3_000; i++) {
      const response = await post(toolCalls(5));
      expect(response.status).toBe(200);
      await sleep(50);
    }
    const failed = output.split('\n').filter((line) => line.includes('[telemetry] OTLP push to') && line.includes('failed'));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toContain(`${receiver.url}/v1/metrics failed`);
    expect(failed[0]).toContain('ingestion goes on');

    // The collector comes back on its old port.
    const back = await startOtlpReceiver(receiver.port);
    try {
      await until('the push working again', () => (output.includes(`[telemetry] OTLP push to ${receiver.url}/v1/metrics works again`) ? true : undefined));
      expect(output.split('\n').filter((line) => line.includes('failed'))).toHaveLength(1);
    } finally {
      await back.close();
    }
  });
});

describe('a value that cannot be understood stops start-up with one line naming it', () => {
  const env = { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: '1' };

  it('npm start (cli serve): before anything starts, exit 2', () => {
    const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'cli/index.ts', 'serve'], {
      cwd: root,
      env: { ...env, ...OLD_ENV, MAX_REQUEST_SIZE: '10 megabytes' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe('error: MAX_REQUEST_SIZE must be a size such as 10MB, 512KB or a number of bytes, got "10 megabytes"');
    expect(result.stdout).toBe('');
  });

  it('a plain next start: the server process stops at once, exit 1', () => {
    const result = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'start', '-p', String(PORT + 2), '-H', '127.0.0.1'], {
      cwd: root,
      env: { ...env, AUTH_SECRET: 'a-secret-for-this-test-only-0123456789', OTEL_PROMETHEUS_PORT: 'ninety' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('[serve] OTEL_PROMETHEUS_PORT must be a port number (1-65535), got "ninety"');
  });
});
