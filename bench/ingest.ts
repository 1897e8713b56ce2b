// bench:ingest — the production server (`npm start`, freshly built into NEXT_DIST_DIR or .next) on a temp
// database, driven by autocannon with 10 connections: batches of 100 metrics and single-metric
// requests, with timestamps near "now". References measured in the same run: the raw better-sqlite3
// insert rate of the same rows into `metrics` alone (prepared statement, 1,000 rows per transaction)
// and the requests/s of a no-op route handler of the same build (POST /api/bench/noop). Then the cost of
// recording the series (lib/telemetry): the same loads on that server and on one with OTEL_SDK_DISABLED, in turns.
import { execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { countRows } from '../db/queries/database';
import { insertMetricDirect } from '../db/queries/ingest';
import { SqliteDb } from '../db/sqlite-client';
import { openDatabase } from '../db/sqlite-file';
import { createApiKey } from '../lib/keys/create';
import { METRIC_TYPES } from '../lib/ingest/validation';
import { loadMigrations, migrationsDir } from '../lib/migrate/load';
import { migrateUp } from '../lib/migrate/up';
import { startProductionServer, stopProductionServer, waitForHealth } from '../tests/helpers/prod-server';

const PORT = Number(process.env.BENCH_PORT ?? 3211);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
const DIST_DIR = process.env.NEXT_DIST_DIR || '.next';
const BASE = `http://127.0.0.1:${PORT}`;
const RAW_ROWS = 300_000;
const ROUNDS = Number(process.env.BENCH_TELEMETRY_ROUNDS ?? 4);
const ROUND_SECONDS = 3;
const OFF_BASE = `http://127.0.0.1:${PORT + 2}`;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** A realistic mix, as the gateway's services send it: auth requests, discoveries, tool calls, health. */
function metric(i: number, timestamp: string) {
  const type = METRIC_TYPES[i % 10 < 4 ? 0 : i % 10 < 6 ? 1 : i % 10 < 9 ? 2 : 4 + (i % 3)]!;
  const base = { type, timestamp, value: 1, duration_ms: Math.round(Math.exp((i % 97) / 15) * 10) / 10 };
  if (type === 'auth_request')
    return { ...base, dimensions: { method: 'jwt', success: i % 17 !== 0, server: 'auth-01', user_hash: `u${i % 50}` }, metadata: { error_code: null } };
  if (type === 'tool_discovery')
    return {
      ...base,
      value: i % 10,
      dimensions: { query: 'weather tools', results_count: i % 10, top_k_services: 3, top_n_tools: 5 },
      metadata: { embedding_time_ms: 2.5, faiss_search_time_ms: 0.7 },
    };
  if (type === 'tool_execution')
    return {
      ...base,
      dimensions: { tool_name: `tool_${i % 20}`, server_path: '/mcp/weather', server_name: 'weather', success: i % 13 !== 0 },
      metadata: { error_code: null, input_size_bytes: 200, output_size_bytes: 1500 },
    };
  return { ...base, dimensions: { endpoint: '/health' } };
}

/** Python-client time (no offset, microseconds) of now. */
const pythonNow = () => new Date().toISOString().replace('Z', '') + '000';
const NOW = '@@NOW@@';

/**
 * Body templates cycled by the load generator; each request gets the time it is sent as every
 * metric's timestamp (a client flushes what it just buffered), so times advance as in real traffic.
 */
function templates(count: number, perRequest: number): string[] {
  return Array.from({ length: count }, (_, b) =>
    JSON.stringify({
      service: 'auth-server',
      version: '1.2.0',
      instance_id: `pod-${b % 4}`,
      metrics: Array.from({ length: perRequest }, (_, i) => metric(b * perRequest + i, NOW)),
    }),
  );
}

async function rawInsertRate(dir: string, migrations: Awaited<ReturnType<typeof loadMigrations>>): Promise<{ perSecond: number; perCpuSecond: number }> {
  const file = path.join(dir, 'raw.db');
  const migrated = SqliteDb.open(file);
  await migrateUp(migrated, migrations);
  await migrated.close();
  const db = openDatabase(file);
  const now = Date.now();
  const rows = Array.from({ length: RAW_ROWS }, (_, i) => {
    const m = metric(i, '');
    return {
      requestId: `req_${(i / 100) | 0}`,
      service: 'auth-server',
      serviceVersion: '1.2.0',
      instanceId: 'pod-0',
      metricType: m.type,
      timestamp: new Date(now + i).toISOString(),
      value: m.value,
      durationMs: m.duration_ms,
      dimensions: JSON.stringify(m.dimensions),
      metadata: 'metadata' in m ? JSON.stringify(m.metadata) : null,
    };
  });
  const insertChunk = db.transaction((chunk: typeof rows) => chunk.forEach((row) => insertMetricDirect(db, row)));
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < rows.length; i += 1000) insertChunk(rows.slice(i, i + 1000));
  const { user, system } = process.cpuUsage(cpu);
  const result = { perSecond: rows.length / ((performance.now() - started) / 1000), perCpuSecond: rows.length / ((user + system) / 1e6) };
  db.close();
  return result;
}

/** The server's process group: [pid, rss MB, cpu seconds] of each member, from /proc. */
function serverProcesses(pgid: number): Array<{ rssMb: number; cpuSeconds: number }> {
  const ticks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
  return fs.readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      // Fields after the ")" that ends the command name: state is [0], pgrp [2], utime [11], stime [12], rss (pages) [21].
      const fields = fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (Number(fields[2]) !== pgid) return [];
      return [{ rssMb: (Number(fields[21]) * 4096) / 1024 / 1024, cpuSeconds: (Number(fields[11]) + Number(fields[12])) / ticks }];
    } catch {
      return []; // exited meanwhile
    }
  });
}
const serverCpuSeconds = (pgid: number) => serverProcesses(pgid).reduce((sum, p) => sum + p.cpuSeconds, 0);
const serverRssMb = (pgid: number) => Math.max(0, ...serverProcesses(pgid).map((p) => p.rssMb));

interface Run {
  requestsPerSecond: number;
  /** Server CPU time per request (all its processes), robust against other load on the machine. */
  cpuMsPerRequest?: number;
  p50: number;
  p99: number;
  ok: number;
  other: number;
}

async function load(pathname: string, pool: string[], key: string, seconds: number, base = BASE): Promise<Run> {
  let next = 0;
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: pathname,
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        setupRequest: (request) => ({ ...request, body: pool[next++ % pool.length]!.replaceAll(NOW, pythonNow()) }),
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    other: result.non2xx + result.errors + result.timeouts,
  };
}

interface Side {
  base: string;
  pid: number;
  key: string;
}
interface Totals {
  requests: number;
  cpuSeconds: number;
  seconds: number;
}

/**
 * The same load on two servers in turns, ROUNDS rounds of ROUND_SECONDS each: other load on the
 * machine (this one has two cores) then falls on both alike, which one run after the other does not.
 */
async function alternate(sides: Side[], pathname: string, pool: string[]): Promise<Totals[]> {
  const totals = sides.map(() => ({ requests: 0, cpuSeconds: 0, seconds: 0 }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, side] of sides.entries()) {
      const cpuBefore = serverCpuSeconds(side.pid);
      const run = await load(pathname, pool, side.key, ROUND_SECONDS, side.base);
      totals[i]!.requests += run.ok + run.other;
      totals[i]!.cpuSeconds += serverCpuSeconds(side.pid) - cpuBefore;
      totals[i]!.seconds += ROUND_SECONDS;
    }
  }
  return totals;
}

async function main(): Promise<void> {
  // Measure the code as it is now, never a stale build.
  execFileSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], { stdio: 'inherit', env: { ...process.env, NEXT_DIST_DIR: DIST_DIR } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-metrics-bench-ingest-'));
  const dbFile = path.join(dir, 'metrics.db');
  let server: ChildProcess | undefined;
  let db: SqliteDb | undefined;
  try {
    const migrations = await loadMigrations(migrationsDir('sqlite'));
    const raw = await rawInsertRate(dir, migrations);
    console.log(`raw insert into metrics alone (prepared, 1,000 rows/transaction): ${fmt(raw.perSecond)} rows/s (${fmt(raw.perCpuSecond)} per CPU second)`);

    db = SqliteDb.open(dbFile);
    await migrateUp(db, migrations);
    const { key } = await createApiKey(db, { service: 'auth-server', rateLimit: 1_000_000_000 }, 'bench');
    // Telemetry on, as by default (its Prometheus listener on the next port, so as not to meet a 9465 in use).
    const exposition = { OTEL_PROMETHEUS_ENABLED: 'true', OTEL_PROMETHEUS_PORT: String(PORT + 1) };
    server = startProductionServer({ dbFile, port: PORT, distDir: DIST_DIR, env: exposition });
    await waitForHealth(BASE, server, 900_000);

    const batches = templates(200, 100);
    const singles = templates(2000, 1);
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, serverRssMb(server!.pid!))), 500);

    let acknowledged = 0;
    const measure = async (name: string, pathname: string, pool: string[], metricsPerRequest: number) => {
      const warmUp = await load(pathname, pool, key, 2);
      const cpuBefore = serverCpuSeconds(server!.pid!);
      const run = await load(pathname, pool, key, SECONDS);
      acknowledged += (warmUp.ok + run.ok) * metricsPerRequest;
      run.cpuMsPerRequest = ((serverCpuSeconds(server!.pid!) - cpuBefore) * 1000) / (run.ok + run.other);
      console.log(
        `${name.padEnd(28)} ${fmt(run.requestsPerSecond).padStart(7)} req/s   p50 ${run.p50} ms   p99 ${run.p99} ms   server CPU ${run.cpuMsPerRequest.toFixed(2)} ms/request   RSS ${serverRssMb(server!.pid!).toFixed(0)} MB   (${fmt(run.ok)} ok, ${run.other} other)`,
      );
      return run;
    };
    const noop = await measure('no-op route (reference)', '/api/bench/noop', singles, 0);
    const single = await measure('single-metric POST /metrics', '/metrics', singles, 1);
    const batched = await measure('100-metric POST /metrics', '/metrics', batches, 100);
    clearInterval(sampler);

    const batchedMetrics = batched.requestsPerSecond * 100;
    const stored = await countRows(db, 'metrics');
    const scrape = await fetch(`http://127.0.0.1:${PORT + 1}/metrics`);
    const series = (await scrape.text()).split('\n').filter((line) => line.startsWith('mcp_')).length;

    // Recording's cost: the same load on this server and on one that records nothing (OTEL_SDK_DISABLED),
    // on a fresh database like the first, in turns.
    const offFile = path.join(dir, 'telemetry-off.db');
    const offDb = SqliteDb.open(offFile);
    await migrateUp(offDb, migrations);
    const { key: offKey } = await createApiKey(offDb, { service: 'auth-server', rateLimit: 1_000_000_000 }, 'bench');
    await offDb.close();
    const offServer = startProductionServer({ dbFile: offFile, port: PORT + 2, distDir: DIST_DIR, env: { OTEL_SDK_DISABLED: 'true' } });
    let batchedCost: Totals[], singleCost: Totals[];
    try {
      await waitForHealth(OFF_BASE, offServer, 900_000);
      // Warmed up as the first server was.
      for (const [pathname, pool] of [
        ['/api/bench/noop', singles],
        ['/metrics', singles],
        ['/metrics', batches],
      ] as const)
        await load(pathname, pool, offKey, 2, OFF_BASE);
      const sides = [
        { base: BASE, pid: server.pid!, key },
        { base: OFF_BASE, pid: offServer.pid!, key: offKey },
      ];
      batchedCost = await alternate(sides, '/metrics', batches);
      singleCost = await alternate(sides, '/metrics', singles);
    } finally {
      await stopProductionServer(offServer, 'SIGTERM');
    }
    console.log('');
    console.log(
      `batched ingest: ${fmt(batchedMetrics)} metrics/s = ${((100 * batchedMetrics) / raw.perSecond).toFixed(1)}% of the raw insert rate (target >= 30%)`,
    );
    console.log(
      `single-metric:  ${fmt(single.requestsPerSecond)} req/s = ${((100 * single.requestsPerSecond) / noop.requestsPerSecond).toFixed(1)}% of the no-op route (target >= 85%)`,
    );
    console.log(
      `server CPU:     single ${single.cpuMsPerRequest!.toFixed(2)} vs no-op ${noop.cpuMsPerRequest!.toFixed(2)} ms/request (${((100 * noop.cpuMsPerRequest!) / single.cpuMsPerRequest!).toFixed(1)}%); ` +
        `batched ${fmt((1000 * 100) / batched.cpuMsPerRequest!)} metrics per server CPU second (${((100 * ((1000 * 100) / batched.cpuMsPerRequest!)) / raw.perCpuSecond).toFixed(1)}% of raw per CPU second)`,
    );
    console.log(
      `machine load:   ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} (1/5/15 min; other processes skew the wall-clock figures)`,
    );
    console.log(`p99 latency:    single ${single.p99} ms, batched ${batched.p99} ms (target < 25 ms at ${CONNECTIONS} connections)`);
    // Recording every committed metric (lib/telemetry/record.ts), on against off.
    const cost = ([on, off]: Totals[]) => {
      const cpu = (t: Totals) => (1000 * t.cpuSeconds) / t.requests;
      return `CPU ${cpu(on!).toFixed(2)} vs ${cpu(off!).toFixed(2)} ms/request = ${((100 * cpu(on!)) / cpu(off!)).toFixed(1)}%, throughput ${((100 * (on!.requests / on!.seconds)) / (off!.requests / off!.seconds)).toFixed(1)}%`;
    };
    console.log(
      `telemetry on/off (${ROUNDS} x ${ROUND_SECONDS} s in turns): batched ${cost(batchedCost)}; single ${cost(singleCost)} (${series} mcp_* series exposed)`,
    );
    console.log(`server RSS:     peak ${peakRss.toFixed(0)} MB (target < 300 MB)`);
    // autocannon stops counting at the deadline, so up to one request per connection and run is committed unseen.
    const unseen = 4 * CONNECTIONS * 100;
    const complete = stored >= acknowledged && stored - acknowledged <= unseen;
    console.log(
      `stored ${fmt(stored)} metrics rows for ${fmt(acknowledged)} acknowledged (warm-ups included): ${complete ? 'every acknowledged metric is there' : 'MISMATCH'}`,
    );
    if (!complete) process.exitCode = 1;
  } finally {
    await db?.close();
    if (server) await stopProductionServer(server, 'SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
