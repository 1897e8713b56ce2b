// bench:ingest — the production server (`npm start`, freshly built into NEXT_DIST_DIR or .next) on a temp
// database, driven by autocannon with 10 connections: batches of 100 metrics and single-metric
// requests, with timestamps near "now". References measured in the same run: the raw better-sqlite3
// insert rate of the same rows into `metrics` alone (prepared statement, 1,000 rows per transaction)
// and the requests/s of a no-op route handler of the same build (POST /api/bench/noop). Server CPU is
// shown per thread: the event loop, the SQLite writer and reader threads, V8's helpers, the parent
// process of `npm start` (WAL checkpoints, schedules).
// On the server that has just taken the batched load: single-metric requests against the no-op route in
// turns (3 x 5 s each, ratio of the medians), with bodies the client builds afresh per request and with
// pre-built ones; then the mixed load, batches while a signed-in client loops on the 90-day overview and
// the explorer CSV. Then the cost of recording the series (lib/telemetry): the same loads on that
// server and on one with OTEL_SDK_DISABLED, in turns.
// `-- --engine postgres` adds, in the same run, the same loads on PostgreSQL with one server and with two
// servers on one database (the load split between them): a database of its own on the server named by
// `--database-url` or TEST_DATABASE_URL (a role that may create databases), dropped at the end.
import { execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import type { Db } from '../db/client';
import { PostgresDb } from '../db/postgres-client';
import { countRows } from '../db/queries/database';
import { insertMetricDirect } from '../db/queries/ingest';
import { SqliteDb } from '../db/sqlite-client';
import { openDatabase } from '../db/sqlite-file';
import { createApiKey } from '../lib/keys/create';
import { METRIC_TYPES } from '../lib/ingest/validation';
import { loadMigrations, migrationsDir } from '../lib/migrate/load';
import { migrateUp } from '../lib/migrate/up';
import { freePort, startProductionServer, stopProductionServer, waitForHealth } from './production-server';
import { signIn } from './sign-in';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
const DIST_DIR = process.env.NEXT_DIST_DIR || '.next';
const RAW_ROWS = 300_000;
const ROUNDS = Number(process.env.BENCH_TELEMETRY_ROUNDS ?? 4);
const ROUND_SECONDS = 3;

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

const TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

/** Fields after the ")" that ends the command name in /proc/.../stat: pgrp [2], utime [11], stime [12], rss (pages) [21]. */
function statFields(file: string): { comm: string; fields: string[] } {
  const text = fs.readFileSync(file, 'utf8');
  return { comm: text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')), fields: text.slice(text.lastIndexOf(')') + 2).split(' ') };
}
const cpuOf = (fields: string[]) => (Number(fields[11]) + Number(fields[12])) / TICKS;

/** The server's process group: the pid, rss MB and cpu seconds of each member, from /proc. */
function serverProcesses(pgid: number): Array<{ pid: string; comm: string; rssMb: number; cpuSeconds: number }> {
  return fs.readdirSync('/proc').flatMap((pid) => {
    if (!/^\d+$/.test(pid)) return [];
    try {
      const { comm, fields } = statFields(`/proc/${pid}/stat`);
      if (Number(fields[2]) !== pgid) return [];
      return [{ pid, comm, rssMb: (Number(fields[21]) * 4096) / 1024 / 1024, cpuSeconds: cpuOf(fields) }];
    } catch {
      return []; // exited meanwhile
    }
  });
}
const serverCpuSeconds = (pgid: number) => serverProcesses(pgid).reduce((sum, p) => sum + p.cpuSeconds, 0);
const serverRssMb = (pgid: number) => Math.max(0, ...serverProcesses(pgid).map((p) => p.rssMb));

const THREAD_GROUPS = ['event loop', 'worker threads', 'V8/libuv helpers', 'npm start parent'] as const;
type ThreadGroup = (typeof THREAD_GROUPS)[number];

/**
 * CPU seconds of the server's threads by group: Next's event loop (the main thread of the next-server
 * process), the threads it started (SQLite writer and readers: Linux gives them the main thread's name),
 * V8's and libuv's own threads, and the parent processes of `npm start` (WAL checkpoints, schedules).
 */
function threadCpu(pgid: number): Record<ThreadGroup, number> {
  const groups = Object.fromEntries(THREAD_GROUPS.map((g) => [g, 0])) as Record<ThreadGroup, number>;
  for (const p of serverProcesses(pgid)) {
    if (!p.comm.startsWith('next-server')) {
      groups['npm start parent'] += p.cpuSeconds;
      continue;
    }
    for (const tid of fs.readdirSync(`/proc/${p.pid}/task`)) {
      try {
        const { comm, fields } = statFields(`/proc/${p.pid}/task/${tid}/stat`);
        groups[tid === p.pid ? 'event loop' : comm === p.comm ? 'worker threads' : 'V8/libuv helpers'] += cpuOf(fields);
      } catch {
        // ended meanwhile
      }
    }
  }
  return groups;
}

/** A database and its key, with the metrics its servers acknowledged: checked against its rows at the end. */
interface Ledger {
  db: Db;
  key: string;
  acknowledged: number;
  /** autocannon stops counting at the deadline: up to one request per connection and run is committed unseen. */
  unseen: number;
}

interface Run {
  requestsPerSecond: number;
  /** Server CPU time per request (all processes of all servers), robust against other load on the machine. */
  cpuMsPerRequest: number;
  /** The same by thread group, of the first server. */
  threads: Record<ThreadGroup, number>;
  p50: number;
  /** The largest of the servers' p99s (and maxima) when the load is split (each server's own requests). */
  p99: number;
  max: number;
  ok: number;
  other: number;
}

/** Each request's body. */
type Bodies = () => string;
/** Templates cycled, each request's metrics stamped with the time it is sent. */
const cycled = (pool: string[]): Bodies => {
  let next = 0;
  return () => pool[next++ % pool.length]!.replaceAll(NOW, pythonNow());
};
/** A one-metric body built afresh for every request, as a client that serializes what it just recorded. */
const freshSingles = (): Bodies => {
  let next = 0;
  return () => JSON.stringify({ service: 'auth-server', version: '1.2.0', instance_id: `pod-${next % 4}`, metrics: [metric(next++, pythonNow())] });
};

/** `bodies` POSTed to `pathname` for `seconds`; what was acknowledged is counted into the ledger. */
async function load(base: string, pathname: string, bodies: Bodies, ledger: Ledger, seconds: number, metricsPerRequest: number, connections = CONNECTIONS) {
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: pathname,
        headers: { 'content-type': 'application/json', 'x-api-key': ledger.key },
        setupRequest: (request) => ({ ...request, body: bodies() }),
      },
    ],
  });
  ledger.acknowledged += result['2xx'] * metricsPerRequest;
  ledger.unseen += connections * metricsPerRequest;
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    ok: result['2xx'],
    other: result.non2xx + result.errors + result.timeouts,
  };
}

/** A production server on a database (a SQLite file or a PostgreSQL URL), on a port of its own. */
interface Server {
  base: string;
  process: ChildProcess;
}

async function serve(database: string, env: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const child = startProductionServer({ dbFile: database, port, distDir: DIST_DIR, env });
  const server = { base: `http://127.0.0.1:${port}`, process: child };
  await waitForHealth(server.base, child, 900_000);
  return server;
}

const perRequest = (groups: Record<ThreadGroup, number>, requests: number) =>
  THREAD_GROUPS.map((g) => `${g} ${((1000 * groups[g]) / requests).toFixed(2)}`).join(', ') + ' ms/request';

/**
 * `bodies` POSTed to `pathname` on every server at once, CONNECTIONS split between them: a 2 s warm-up,
 * then SECONDS measured. Prints one line (and the CPU by thread) and counts what was acknowledged into the ledger.
 */
async function measure(name: string, servers: Server[], ledger: Ledger, pathname: string, bodies: Bodies, metricsPerRequest: number): Promise<Run> {
  const split = (seconds: number) =>
    Promise.all(servers.map((s) => load(s.base, pathname, bodies, ledger, seconds, metricsPerRequest, Math.max(1, Math.round(CONNECTIONS / servers.length)))));
  const cpu = () => servers.reduce((sum, s) => sum + serverCpuSeconds(s.process.pid!), 0);
  await split(2);
  const cpuBefore = cpu();
  const threadsBefore = threadCpu(servers[0]!.process.pid!);
  const runs = await split(SECONDS);
  const threadsAfter = threadCpu(servers[0]!.process.pid!);
  const cpuSeconds = cpu() - cpuBefore;
  const sum = (field: 'requestsPerSecond' | 'ok' | 'other') => runs.reduce((total, r) => total + r[field], 0);
  const requests = sum('ok') + sum('other');
  const run: Run = {
    requestsPerSecond: sum('requestsPerSecond'),
    cpuMsPerRequest: (cpuSeconds * 1000) / requests,
    threads: Object.fromEntries(THREAD_GROUPS.map((g) => [g, threadsAfter[g] - threadsBefore[g]])) as Record<ThreadGroup, number>,
    p50: Math.max(...runs.map((r) => r.p50)),
    p99: Math.max(...runs.map((r) => r.p99)),
    max: Math.max(...runs.map((r) => r.max)),
    ok: sum('ok'),
    other: sum('other'),
  };
  const rss = Math.max(...servers.map((s) => serverRssMb(s.process.pid!)));
  console.log(
    `${name.padEnd(40)} ${fmt(run.requestsPerSecond).padStart(7)} req/s   p50 ${run.p50} ms   p99 ${run.p99} ms   max ${run.max} ms   server CPU ${run.cpuMsPerRequest.toFixed(2)} ms/request   RSS ${rss.toFixed(0)} MB   (${fmt(run.ok)} ok, ${run.other} other)`,
  );
  console.log(`${''.padEnd(40)} CPU by thread${servers.length > 1 ? ' (first server)' : ''}: ${perRequest(run.threads, requests / servers.length)}`);
  return run;
}

/** Every acknowledged metric is stored. */
async function checkStored(label: string, ledger: Ledger): Promise<void> {
  const stored = await countRows(ledger.db, 'metrics');
  const complete = stored >= ledger.acknowledged && stored - ledger.acknowledged <= ledger.unseen;
  console.log(
    `${label}: stored ${fmt(stored)} metrics rows for ${fmt(ledger.acknowledged)} acknowledged (warm-ups included): ${complete ? 'every acknowledged metric is there' : 'MISMATCH'}`,
  );
  if (!complete) process.exitCode = 1;
}

interface Side {
  server: Server;
  ledger: Ledger;
  pathname: string;
  bodies: Bodies;
  metricsPerRequest: number;
}
interface Totals {
  requests: number;
  cpuSeconds: number;
  seconds: number;
  /** Requests/s of each round. */
  rounds: number[];
}

/**
 * Loads in turns, `rounds` rounds of `seconds` each: other load on the machine (this one has two
 * cores) then falls on all sides alike, which one run after the other does not.
 */
async function alternate(sides: Side[], rounds: number, seconds: number): Promise<Totals[]> {
  const totals: Totals[] = sides.map(() => ({ requests: 0, cpuSeconds: 0, seconds: 0, rounds: [] }));
  for (let round = 0; round < rounds; round++) {
    for (const [i, side] of sides.entries()) {
      const pid = side.server.process.pid!;
      const cpuBefore = serverCpuSeconds(pid);
      const run = await load(side.server.base, side.pathname, side.bodies, side.ledger, seconds, side.metricsPerRequest);
      totals[i]!.requests += run.ok + run.other;
      totals[i]!.cpuSeconds += serverCpuSeconds(pid) - cpuBefore;
      totals[i]!.seconds += seconds;
      totals[i]!.rounds.push(run.requestsPerSecond);
    }
  }
  return totals;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const BATCHES = templates(200, 100);
const SINGLES = templates(2000, 1);

async function newSqliteDatabase(file: string, migrations: Awaited<ReturnType<typeof loadMigrations>>): Promise<Ledger> {
  const db = SqliteDb.open(file);
  await migrateUp(db, migrations);
  const { key } = await createApiKey(db, { service: 'auth-server', rateLimit: 1_000_000_000 }, 'bench');
  return { db, key, acknowledged: 0, unseen: 0 };
}

/** The dashboard's heaviest reads in a loop, signed in, until `stop` resolves: the 90-day overview page and the explorer's CSV of every metric in 90 days. */
async function dashboardLoop(base: string, cookie: string, stop: Promise<void>) {
  const figures = { overviews: [] as number[], exports: [] as number[], exportedBytes: 0 };
  let stopped = false;
  void stop.then(() => (stopped = true));
  const timed = async (url: string) => {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie }, redirect: 'manual' });
    if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
    const bytes = (await response.arrayBuffer()).byteLength;
    return { ms: performance.now() - started, bytes };
  };
  while (!stopped) {
    figures.overviews.push((await timed(`${base}/?range=90d`)).ms);
    const csv = await timed(`${base}/export/explorer?range=90d`);
    figures.exports.push(csv.ms);
    figures.exportedBytes += csv.bytes;
  }
  return figures;
}

/** The SQLite figures: the references, the loads, the mixed load, telemetry's cost, RSS and what was stored. */
async function sqliteBench(dir: string): Promise<void> {
  const migrations = await loadMigrations(migrationsDir('sqlite'));
  const raw = await rawInsertRate(dir, migrations);
  console.log(`raw insert into metrics alone (prepared, 1,000 rows/transaction): ${fmt(raw.perSecond)} rows/s (${fmt(raw.perCpuSecond)} per CPU second)`);

  const dbFile = path.join(dir, 'metrics.db');
  const ledger = await newSqliteDatabase(dbFile, migrations);
  const admin = { email: 'bench@localhost', password: randomBytes(12).toString('hex') };
  // Telemetry on, as by default (its Prometheus listener on a free port, so as not to meet a 9465 in use).
  const expositionPort = await freePort();
  const servers: Server[] = [];
  try {
    const server = await serve(dbFile, {
      OTEL_PROMETHEUS_ENABLED: 'true',
      OTEL_PROMETHEUS_PORT: String(expositionPort),
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
    });
    servers.push(server);
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, serverRssMb(server.process.pid!))), 250);
    // As the bench measured before issue 14: a fresh database, pre-built bodies, one load after the other.
    const noop = await measure('SQLite: no-op route (reference)', [server], ledger, '/api/bench/noop', cycled(SINGLES), 0);
    const single = await measure('SQLite: single-metric POST /metrics', [server], ledger, '/metrics', cycled(SINGLES), 1);
    const batched = await measure('SQLite: 100-metric POST /metrics', [server], ledger, '/metrics', cycled(BATCHES), 100);

    // On the server that has just taken the batched load: single-metric against the no-op route in turns.
    const turns = (bodies: () => Bodies) =>
      alternate(
        [
          { server, ledger, pathname: '/api/bench/noop', bodies: bodies(), metricsPerRequest: 0 },
          { server, ledger, pathname: '/metrics', bodies: bodies(), metricsPerRequest: 1 },
        ],
        3,
        5,
      );
    const fresh = await turns(freshSingles);
    const prebuilt = await turns(() => cycled(SINGLES));

    // Mixed: the batched load while a signed-in client loops on the dashboard's heaviest reads.
    const session = await signIn(server.base, admin);
    if (!session.cookie) throw new Error(`could not sign in as ${admin.email}: ${session.url}`);
    let stopReads!: () => void;
    const reads = dashboardLoop(server.base, session.cookie, new Promise<void>((resolve) => (stopReads = resolve)));
    const mixed = await measure('SQLite: 100-metric beside the dashboard', [server], ledger, '/metrics', cycled(BATCHES), 100);
    stopReads();
    const dashboard = await reads;
    clearInterval(sampler);

    const batchedMetrics = batched.requestsPerSecond * 100;
    const scrape = await fetch(`http://127.0.0.1:${expositionPort}/metrics`);
    const series = (await scrape.text()).split('\n').filter((line) => line.startsWith('mcp_')).length;

    const pct = (n: number) => `${(100 * n).toFixed(1)}%`;
    const ratioOfMedians = ([noopTurns, singleTurns]: Totals[]) => median(singleTurns!.rounds) / median(noopTurns!.rounds);
    const cpuPerRequest = (t: Totals) => (1000 * t.cpuSeconds) / t.requests;
    console.log('');
    console.log(
      `batched ingest: ${fmt(batchedMetrics)} metrics/s = ${(batchedMetrics / raw.perSecond).toFixed(2)} x the raw insert rate (target >= 0.40); ` +
        `${fmt((1000 * 100) / batched.cpuMsPerRequest)} metrics per server CPU second = ${((1000 * 100) / batched.cpuMsPerRequest / raw.perCpuSecond).toFixed(2)} x raw per CPU second`,
    );
    console.log(
      `single-metric / no-op: ${(single.requestsPerSecond / noop.requestsPerSecond).toFixed(2)} on a fresh database with pre-built bodies, one after the other; ` +
        `after the batched load, in turns (3 x 5 s, ratio of medians): ${ratioOfMedians(fresh).toFixed(2)} with bodies built per request (target >= 0.90), ` +
        `${ratioOfMedians(prebuilt).toFixed(2)} with pre-built ones`,
    );
    console.log(
      `  in turns, fresh bodies: no-op ${fresh[0]!.rounds.map(fmt).join('/')} req/s (${cpuPerRequest(fresh[0]!).toFixed(2)} ms CPU), ` +
        `single ${fresh[1]!.rounds.map(fmt).join('/')} req/s (${cpuPerRequest(fresh[1]!).toFixed(2)} ms CPU); ` +
        `pre-built: no-op ${prebuilt[0]!.rounds.map(fmt).join('/')}, single ${prebuilt[1]!.rounds.map(fmt).join('/')} req/s`,
    );
    console.log(
      `mixed:          ingest p99 ${mixed.p99} ms (target < 50), slowest ${mixed.max} ms (target <= 100), ${fmt(mixed.requestsPerSecond * 100)} metrics/s ` +
        `(${pct(mixed.requestsPerSecond / batched.requestsPerSecond)} of batched alone); dashboard meanwhile: ${dashboard.overviews.length} overviews ` +
        `(median ${median(dashboard.overviews).toFixed(0)} ms), ${dashboard.exports.length} explorer CSVs (median ${median(dashboard.exports).toFixed(0)} ms, ` +
        `${(dashboard.exportedBytes / dashboard.exports.length / 1024 / 1024).toFixed(1)} MB each)`,
    );
    console.log(`p99 latency:    single ${single.p99} ms, batched ${batched.p99} ms (at ${CONNECTIONS} connections)`);
    console.log(`server RSS:     peak ${peakRss.toFixed(0)} MB over the loads above (target < 300 MB)`);

    // Recording's cost: the same load on two servers alike but for recording, each on a fresh database and
    // warmed up alike, in turns (the server above has taken every load and holds a million rows: beside a fresh
    // one that records nothing, it made recording look like 10% of a single-metric request's CPU).
    const serveFresh = async (name: string, env: Record<string, string>) => {
      const freshLedger = await newSqliteDatabase(path.join(dir, `${name}.db`), migrations);
      await freshLedger.db.close();
      const freshServer = await serve(freshLedger.db.location, env);
      servers.push(freshServer);
      for (const [pathname, pool, metricsPerRequest] of [
        ['/api/bench/noop', SINGLES, 0],
        ['/metrics', SINGLES, 1],
        ['/metrics', BATCHES, 100],
      ] as const)
        await load(freshServer.base, pathname, cycled(pool), freshLedger, 2, metricsPerRequest);
      return { server: freshServer, ledger: freshLedger };
    };
    const on = await serveFresh('telemetry-on', { OTEL_PROMETHEUS_ENABLED: 'true', OTEL_PROMETHEUS_PORT: String(await freePort()) });
    const off = await serveFresh('telemetry-off', { OTEL_SDK_DISABLED: 'true' });
    const onOff = (pool: string[], metricsPerRequest: number) =>
      alternate(
        [
          { ...on, pathname: '/metrics', bodies: cycled(pool), metricsPerRequest },
          { ...off, pathname: '/metrics', bodies: cycled(pool), metricsPerRequest },
        ],
        ROUNDS,
        ROUND_SECONDS,
      );
    const batchedCost = await onOff(BATCHES, 100);
    const singleCost = await onOff(SINGLES, 1);

    // Recording every committed metric (lib/telemetry/record.ts), on against off.
    const cost = ([on, off]: Totals[]) =>
      `CPU ${cpuPerRequest(on!).toFixed(2)} vs ${cpuPerRequest(off!).toFixed(2)} ms/request = ${pct(cpuPerRequest(on!) / cpuPerRequest(off!))}, throughput ${pct(on!.requests / on!.seconds / (off!.requests / off!.seconds))}`;
    console.log(
      `telemetry on/off (${ROUNDS} x ${ROUND_SECONDS} s in turns): batched ${cost(batchedCost)}; single ${cost(singleCost)} (${series} mcp_* series exposed)`,
    );
    await checkStored('SQLite', ledger);
  } finally {
    for (const s of servers) await stopProductionServer(s.process, 'SIGTERM');
    await ledger.db.close();
  }
}

/** A database of its own on the PostgreSQL server `serverUrl` names, and how to drop it. */
async function scratchPostgres(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `mcp_bench_ingest_${randomBytes(4).toString('hex')}`;
  const onServer = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** The same two loads on PostgreSQL: one server, then two servers on the one database with the load split between them. */
async function postgresBench(serverUrl: string): Promise<void> {
  const scratch = await scratchPostgres(serverUrl);
  const db = PostgresDb.open(scratch.url, { poolSize: 2 });
  const servers: Server[] = [];
  try {
    await migrateUp(db, await loadMigrations(migrationsDir('postgres')));
    const { key } = await createApiKey(db, { service: 'auth-server', rateLimit: 1_000_000_000 }, 'bench');
    const ledger: Ledger = { db, key, acknowledged: 0, unseen: 0 };
    servers.push(await serve(scratch.url));
    const one = {
      single: await measure('PostgreSQL, 1 server: single-metric', servers, ledger, '/metrics', cycled(SINGLES), 1),
      batched: await measure('PostgreSQL, 1 server: 100-metric', servers, ledger, '/metrics', cycled(BATCHES), 100),
    };
    servers.push(await serve(scratch.url));
    const two = {
      single: await measure('PostgreSQL, 2 servers: single-metric', servers, ledger, '/metrics', cycled(SINGLES), 1),
      batched: await measure('PostgreSQL, 2 servers: 100-metric', servers, ledger, '/metrics', cycled(BATCHES), 100),
    };
    console.log('');
    for (const [name, runs] of [
      ['1 server ', one],
      ['2 servers', two],
    ] as const) {
      console.log(
        `PostgreSQL ${name}: single ${fmt(runs.single.requestsPerSecond)} req/s (p99 ${runs.single.p99} ms), batched ${fmt(runs.batched.requestsPerSecond * 100)} metrics/s (p99 ${runs.batched.p99} ms)`,
      );
    }
    console.log(
      `two servers against one: single ${(two.single.requestsPerSecond / one.single.requestsPerSecond).toFixed(2)}x, batched ${(two.batched.requestsPerSecond / one.batched.requestsPerSecond).toFixed(2)}x (both on this machine's ${os.cpus().length} cores, with the database and the load generator)`,
    );
    await checkStored('PostgreSQL', ledger);
  } finally {
    for (const s of servers) await stopProductionServer(s.process, 'SIGTERM');
    await db.close();
    await scratch.drop();
  }
}

async function main(): Promise<void> {
  const { values: options } = parseArgs({ options: { engine: { type: 'string', default: 'sqlite' }, 'database-url': { type: 'string' } } });
  if (options.engine !== 'sqlite' && options.engine !== 'postgres') throw new Error(`--engine is sqlite or postgres, got "${options.engine}"`);
  const serverUrl = options['database-url'] ?? process.env.TEST_DATABASE_URL;
  if (options.engine === 'postgres' && !serverUrl)
    throw new Error('--engine postgres needs --database-url URL or TEST_DATABASE_URL (a PostgreSQL server where it may create a database)');
  // Measure the code as it is now, never a stale build.
  execFileSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], {
    stdio: 'inherit',
    env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: '1' },
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-metrics-bench-ingest-'));
  try {
    await sqliteBench(dir);
    if (options.engine === 'postgres') {
      console.log('');
      await postgresBench(serverUrl!);
    }
    console.log(
      `machine load:   ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} (1/5/15 min; other processes skew the wall-clock figures)`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
