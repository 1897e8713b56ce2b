/**
 * bench:dashboard — how fast the overview's server-side data loading stays on a large database.
 * Seeds BENCH_METRICS raw metrics (default 10 M) over BENCH_DAYS days (default 90) ending now, with their
 * hourly and daily rollups, minute and 5-minute ones for the last 49 hours and rollups per tool, server and
 * client for the last 8 days (computed while generating, written in bulk), into a temp SQLite file; then
 * times loadOverview() for the 1 h and 6 h (minute buckets), 24 h (5 minutes), 7 d (hours), 30 d and 90 d
 * (days) ranges (every type, the page's default of the request types, and one service) and prints p50/p95
 * per range, of a first view (no bucket sums kept) and of the same view again (lib/dashboard/bucket-sums.ts:
 * what a refresh or the next admin gets). Target: p95 < 50 ms. The windows end 20 minutes
 * into the last seeded hour, 40 minutes before the data does: each window and the one before it then read
 * about an hour of raw metrics row by row at their edges (lib/dashboard/window-parts.ts), more than a
 * window ending at the present does (nothing comes after it, so its last hour is its rollup row as is).
 * Then the Explorer's pages for each of its filters (24 h and 90 d; first page and the next one), and the
 * overview's lines per tool/server/client where the database has metrics_dimension_hourly rows; last, how long
 * the event loop is held while an overview loads on it and through the server's reader threads.
 * BENCH_DB=FILE keeps the seeded database there (and reuses it when it exists) for repeated timing runs.
 * `-- --engine postgres` seeds and times a PostgreSQL database instead, on the server of `--database-url`
 * or TEST_DATABASE_URL: `mcp_bench_dashboard_<metrics>`, kept and reused (seeding 10 M rows takes minutes).
 */
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import type { Db, Reader, Tx } from '../db/client';
import { countRows } from '../db/queries/database';
import type { MetricRow } from '../db/queries/ingest';
import { upsertRollup, type Grain } from '../db/queries/rollups';
import { PostgresDb } from '../db/postgres-client';
import { SqliteDb } from '../db/sqlite-client';
import { decodeCursor, EXPLORER_PAGE_SIZE, loadExplorerPage } from '../lib/dashboard/explorer';
import { forgetBucketSums } from '../lib/dashboard/bucket-sums';
import { loadOverview, type OverviewQuery } from '../lib/dashboard/load-overview';
import { loadOverviewOffLoop } from '../lib/dashboard/overview-task';
import { parseExplorerParams } from '../lib/dashboard/validation';
import { parseTimeRange, type RangePreset } from '../lib/dashboard/time-range';
import type { TypeFilter } from '../lib/dashboard/type-filter';
import { migrationsFor } from '../lib/migrate/load';
import { migrateUp } from '../lib/migrate/up';
import { addMetric, dayOf, emptyRollup, fiveMinutesOf, hourOf, minuteOf, statsFromState, type RollupInput, type RollupState } from '../lib/rollups/accumulate';
import { applyDimensionRollups, type DimensionMetric } from '../lib/rollups/dimension-rollups';
import { insertSeedMetrics, latestHourlyBucket, useBulkLoadMode } from './dashboard-seed';
import { keptDatabase } from './postgres-database';

const TOTAL = Number(process.env.BENCH_METRICS ?? 10_000_000);
const DAYS = Number(process.env.BENCH_DAYS ?? 90);
const RUNS = Number(process.env.BENCH_RUNS ?? 100);
// 1 h and 6 h read minute rows, 24 h 5-minute rows, 7 d hourly rows, 30 d and 90 d daily rows.
const RANGES: RangePreset[] = ['1h', '6h', '24h', '7d', '30d', '90d'];
// What the seed writes minute and per-dimension rollups for: the minute rows' 2 days (and an hour, for the
// window before), the dimension rows' 7 days that the overview offers lines per tool, server and client for.
const MINUTE_HOURS = 49;
const DIMENSION_HOURS = 8 * 24;

// A gateway's traffic: who reports what, how often (weight), how slow (median ms) and how often it fails.
const STREAMS = [
  { service: 'auth-server', metricType: 'auth_request', weight: 30, medianMs: 35, failureRate: 0.04, tools: 0 },
  { service: 'auth-server', metricType: 'health_check', weight: 2, medianMs: 2, failureRate: 0, tools: 0 },
  { service: 'registry', metricType: 'tool_discovery', weight: 15, medianMs: 120, failureRate: 0.01, tools: 0 },
  { service: 'registry', metricType: 'registry_operation', weight: 5, medianMs: 20, failureRate: 0.02, tools: 0 },
  { service: 'registry', metricType: 'health_check', weight: 2, medianMs: 2, failureRate: 0, tools: 0 },
  { service: 'mcp-github', metricType: 'tool_execution', weight: 15, medianMs: 450, failureRate: 0.06, tools: 12 },
  { service: 'mcp-github', metricType: 'protocol_latency', weight: 5, medianMs: 8, failureRate: null, tools: 0 },
  { service: 'mcp-filesystem', metricType: 'tool_execution', weight: 12, medianMs: 25, failureRate: 0.02, tools: 8 },
  { service: 'mcp-filesystem', metricType: 'protocol_latency', weight: 4, medianMs: 5, failureRate: null, tools: 0 },
  { service: 'mcp-search', metricType: 'tool_execution', weight: 8, medianMs: 800, failureRate: 0.08, tools: 30 },
  { service: 'mcp-search', metricType: 'custom', weight: 2, medianMs: 50, failureRate: null, tools: 0 },
  { service: 'gateway', metricType: 'protocol_latency', weight: 10, medianMs: 12, failureRate: null, tools: 0 },
] as const;
type Stream = (typeof STREAMS)[number];

// Deterministic: the same data on every run (mulberry32).
let prngState = 0x5eed;
function random(): number {
  prngState = (prngState + 0x6d2b79f5) | 0;
  let t = Math.imul(prngState ^ (prngState >>> 15), 1 | prngState);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

type Rollups = Map<Stream, RollupState>;

function addTo(rollups: Rollups, stream: Stream, input: RollupInput): void {
  let state = rollups.get(stream);
  if (!state) rollups.set(stream, (state = emptyRollup()));
  addMetric(state, input);
}

async function writeRollups(tx: Tx, grain: Grain, rollups: Rollups, bucket: string): Promise<void> {
  for (const [s, state] of rollups) await upsertRollup(tx, grain, { service: s.service, metricType: s.metricType, bucket, ...statsFromState(state) });
}

/** Rollups by bucket (a minute, or 5 minutes), for the seed's last MINUTE_HOURS. */
type RollupsByBucket = Map<string, Rollups>;
function addToBucket(buckets: RollupsByBucket, bucket: string, stream: Stream, input: RollupInput): void {
  let rollups = buckets.get(bucket);
  if (!rollups) buckets.set(bucket, (rollups = new Map()));
  addTo(rollups, stream, input);
}

const CLIENTS = ['claude-desktop', 'cursor', 'vscode', 'cli'];

/** dimensions as the gateway sends them: the outcome, and for tool calls the tool, server and client. */
function dimensionsOf(stream: Stream, success: boolean | null): string | null {
  if (stream.tools === 0) return success === null ? null : `{"success":${success}}`;
  const tool = `${stream.service.slice(4)}_tool_${Math.floor(random() ** 2 * stream.tools)}`;
  const client = CLIENTS[Math.floor(random() * CLIENTS.length)];
  return JSON.stringify({ success, tool_name: tool, server_name: stream.service, client_name: client });
}

function pickStream(totalWeight: number): Stream {
  let r = random() * totalWeight;
  for (const stream of STREAMS) if ((r -= stream.weight) < 0) return stream;
  return STREAMS[STREAMS.length - 1];
}

/** Raw metrics in time order, busier by day than by night, with rollups that match them exactly. */
// PostgreSQL partitions raw rows by created_at month: seeded rows arrive now (see insertSeedMetrics).
let arrivedAt: string | undefined;

async function seed90Days(db: Db, now: Date): Promise<void> {
  const hourMs = 3_600_000;
  const firstHour = Math.floor(now.getTime() / hourMs) * hourMs - (DAYS * 24 - 1) * hourMs;
  const hours = DAYS * 24;
  const shape = Array.from({ length: hours }, (_, h) => 1 + 0.6 * Math.sin(((h % 24) - 8) * (Math.PI / 12)) + 0.1 * random());
  const shapeSum = shape.reduce((a, b) => a + b, 0);
  const totalWeight = STREAMS.reduce((a, s) => a + s.weight, 0);
  let written = 0;
  let requestNumber = 0;
  let day: Rollups = new Map();
  for (let h = 0; h < hours; h++) {
    const start = firstHour + h * hourMs;
    const n = h === hours - 1 ? TOTAL - written : Math.round((TOTAL * shape[h]) / shapeSum);
    const hour: Rollups = new Map();
    const [minutes, fives]: RollupsByBucket[] = [new Map(), new Map()];
    const [withMinutes, withDimensions] = [h >= hours - MINUTE_HOURS, h >= hours - DIMENSION_HOURS];
    const dimensionMetrics: DimensionMetric[] = [];
    const rows: MetricRow[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const stream = pickStream(totalWeight);
      const durationMs = Math.round(stream.medianMs * Math.exp(0.8 * gaussian()) * 100) / 100;
      const success = stream.failureRate === null ? null : random() >= stream.failureRate;
      // The rollups ingestion would have written, computed by its own accumulator (lib/rollups/accumulate.ts).
      const input = { value: 1, durationMs, success };
      addTo(hour, stream, input);
      addTo(day, stream, input);
      const timestamp = new Date(start + Math.floor(((i + random()) / n) * hourMs)).toISOString();
      if (withMinutes) {
        addToBucket(minutes, minuteOf(timestamp), stream, input);
        addToBucket(fives, fiveMinutesOf(timestamp), stream, input);
      }
      const dimensions = dimensionsOf(stream, success);
      if (withDimensions) dimensionMetrics.push({ row: { service: stream.service, metricType: stream.metricType, timestamp, dimensions }, rollup: input });
      rows[i] = {
        requestId: `req_${(requestNumber++).toString(16).padStart(16, '0')}`,
        service: stream.service,
        serviceVersion: '1.0.0',
        instanceId: `${stream.service}-1`,
        metricType: stream.metricType,
        timestamp,
        value: 1,
        durationMs,
        dimensions,
        metadata: null,
      };
    }
    const hourStart = new Date(start).toISOString();
    const lastOfDay = h === hours - 1 || dayOf(new Date(start + hourMs).toISOString()) !== dayOf(hourStart);
    await db.transaction(async (tx) => {
      await insertSeedMetrics(tx, rows, arrivedAt);
      await writeRollups(tx, 'hourly', hour, hourOf(hourStart));
      for (const [bucket, rollups] of minutes) await writeRollups(tx, 'minutely', rollups, bucket);
      for (const [bucket, rollups] of fives) await writeRollups(tx, '5min', rollups, bucket);
      await applyDimensionRollups(tx, dimensionMetrics);
      if (lastOfDay) await writeRollups(tx, 'daily', day, dayOf(hourStart));
    });
    if (lastOfDay) day = new Map();
    written += n;
    if (h % 240 === 239) console.log(`  seeded ${(written / 1e6).toFixed(1)} M metrics`);
  }
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

type Timing = { p50: number; p95: number };
type Filter = { service?: string; type: TypeFilter };
const FILTERS: Filter[] = [{ type: 'all' }, { type: 'requests' }, { service: 'auth-server', type: 'all' }];
const filterName = (f: Filter) => [f.type === 'all' ? '' : `type=${f.type}`, f.service ? `service=${f.service}` : ''].filter(Boolean).join(' ') || 'none';

/** p50/p95 in ms of `runs` calls of `read` after 5 warm-up calls, `before` (untimed) ahead of each. */
async function timeIt(read: () => Promise<unknown>, before: () => void = () => {}, runs = RUNS): Promise<Timing> {
  for (let i = 0; i < 5; i++) {
    before();
    await read();
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    before();
    const started = performance.now();
    await read();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

/**
 * An overview loaded first (no bucket sums kept: the first admin to open a range, or every closed bucket
 * changed) and again (the closed buckets' sums kept, their rows unchanged: a refresh, the next admin).
 */
async function timeView(db: Reader, load: () => Promise<unknown>): Promise<{ first: Timing; again: Timing }> {
  const first = await timeIt(load, () => forgetBucketSums(db));
  return { first, again: await timeIt(load) };
}

const over = (t: Timing) => (t.p95 < 50 ? ' ' : '*');
const viewFigures = (label: string, { first, again }: { first: Timing; again: Timing }) =>
  console.log(
    `${label.padEnd(29)} ${first.p50.toFixed(2).padStart(7)} ${first.p95.toFixed(2).padStart(7)}${over(first)}  ${again.p50.toFixed(2).padStart(7)} ${again.p95.toFixed(2).padStart(7)}${over(again)}`,
  );
const VIEW_HEADER = `${''.padEnd(29)}     first view       again (sums kept)\n${''.padEnd(29)}     p50     p95        p50     p95     (* p95 over the 50 ms target)`;

const figure = (label: string, { p50, p95 }: Timing) =>
  console.log(`${label.padEnd(45)} ${p50.toFixed(2).padStart(7)}  ${p95.toFixed(2).padStart(7)}${p95 < 50 ? '' : '  (over the 50 ms target)'}`);

// The Explorer's first page (and a page further down, by its cursor) for its filters: the time index
// bounds every read, and a filter on dimensions reads at most EXPLORER_SCAN_ROWS rows of the range.
const EXPLORER_FILTERS: Record<string, string>[] = [
  {},
  { service: 'mcp-github' },
  { type: 'requests' },
  { success: 'false' },
  { success: 'false', service: 'mcp-search', type: 'tool_execution' },
  { tool_name: 'no-such-tool' },
  { request_id: 'req_0000000000000001' },
];

async function timeExplorer(db: Reader, end: Date): Promise<void> {
  console.log(`\nexplorer pages (${EXPLORER_PAGE_SIZE} rows), ${RUNS} runs each (ms)`);
  console.log('range  filter                                       p50      p95');
  for (const range of ['24h', '90d'] as const) {
    for (const filter of EXPLORER_FILTERS) {
      const query = parseExplorerParams({ range, ...filter }, end);
      const first = await loadExplorerPage(db, query);
      const name =
        Object.entries(filter)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ') || 'none';
      figure(`${range.padEnd(6)} ${name}`, await timeIt(() => loadExplorerPage(db, query)));
      if (first.nextCursor) {
        const later = { ...query, cursor: decodeCursor(first.nextCursor) };
        figure(`${range.padEnd(6)} ${name} (next page)`, await timeIt(() => loadExplorerPage(db, later)));
      }
    }
  }
}

// Latency and error lines per tool/server/client, from metrics_dimension_hourly (a database seeded before
// migration 0013 has no such table: reseed, or migrate a copy, to time them).
async function timeDimensionSplits(db: Reader, end: Date, dataEnd: Date): Promise<void> {
  const exists = await db.get(`SELECT 1 FROM metrics_dimension_hourly LIMIT 1`).then(
    (row) => row !== undefined,
    () => false,
  );
  if (!exists) {
    console.log('\nlines per tool/server/client: no metrics_dimension_hourly rows in this database (seeded before migration 0013); not timed');
    return;
  }
  console.log(`\noverview with lines per dimension (request types), ${RUNS} runs each (ms)\n${VIEW_HEADER}`);
  for (const range of ['24h', '7d'] as const) {
    for (const split of ['tool', 'server', 'client'] as const) {
      const query = { range: parseTimeRange({ range }, end), groupBy: 'service' as const, type: 'requests' as const, split, stat: 'p95' as const };
      viewFigures(`${range.padEnd(6)} split=${split}`, await timeView(db, () => loadOverview(db, query, dataEnd)));
    }
  }
}

// How long the event loop (which answers ingestion) is held while the overview loads again (sums kept, as on
// a refresh): added up on it, and through the server's reader threads (a handle opened as the server opens
// its database). Each way is warmed up first: a reader thread compiles its code afresh.
async function timeEventLoop(db: Db, threaded: Db, end: Date, dataEnd: Date): Promise<void> {
  const loads = Math.min(RUNS, 20);
  console.log(`\nevent loop held while the overview loads again (${loads} loads each, after ${loads} to warm up; ms)`);
  console.log(`${''.padEnd(29)}   on the event loop       through reader threads\n${''.padEnd(29)}   view p50  loop max      view p50  loop max`);
  const views: [string, OverviewQuery][] = [
    ['24h    none', { range: parseTimeRange({ range: '24h' }, end), groupBy: 'service' }],
    ['90d    none', { range: parseTimeRange({ range: '90d' }, end), groupBy: 'service' }],
    ['7d     split=tool', { range: parseTimeRange({ range: '7d' }, end), groupBy: 'service', type: 'requests', split: 'tool' }],
  ];
  const held = async (load: () => Promise<unknown>) => {
    for (let i = 0; i < loads; i++) await load();
    const loop = monitorEventLoopDelay({ resolution: 1 });
    const times: number[] = [];
    loop.enable();
    for (let i = 0; i < loads; i++) {
      const started = performance.now();
      await load();
      times.push(performance.now() - started);
      // A turn of the loop between loads, as between a server's requests: each load's hold is one delay
      // (SQLite's statements on this thread answer without one).
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    loop.disable();
    times.sort((a, b) => a - b);
    return `${percentile(times, 0.5).toFixed(1).padStart(10)} ${(loop.max / 1e6).toFixed(1).padStart(9)}`;
  };
  for (const [label, query] of views) {
    const inProcess = await held(() => loadOverview(db, query, dataEnd));
    console.log(`${label.padEnd(29)} ${inProcess}    ${await held(() => loadOverviewOffLoop(threaded, query, dataEnd))}`);
  }
}

async function seedDatabase(db: Db, now: Date): Promise<void> {
  await migrateUp(db, await migrationsFor(db));
  if (db instanceof SqliteDb) await db.betweenTransactions(useBulkLoadMode);
  else arrivedAt = now.toISOString();
  console.log(`seeding ${TOTAL.toLocaleString('en')} metrics over ${DAYS} days into ${db.location}`);
  const started = performance.now();
  await seed90Days(db, now);
  const tables = ['metrics', 'metrics_minutely', 'metrics_5min', 'metrics_hourly', 'metrics_daily', 'metrics_dimension_hourly'] as const;
  const counts = Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await countRows(db, t)])));
  console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
}

/**
 * The database to time: a (kept or temporary) SQLite file, or a kept PostgreSQL database; seeded if new.
 * `threaded` opens it again as a server does, with reader threads.
 */
async function openBenchDatabase(engine: string, serverUrl: string | undefined): Promise<{ db: Db; threaded: () => Db; cleanup: () => void }> {
  if (engine === 'postgres') {
    if (!serverUrl) throw new Error('--engine postgres needs --database-url or TEST_DATABASE_URL (a server where the bench may create a database)');
    const url = await keptDatabase(serverUrl, `mcp_bench_dashboard_${TOTAL}`, (seeding) => seedDatabase(seeding, new Date()));
    const db = PostgresDb.open(url, { poolSize: 4 });
    const threaded = () => PostgresDb.open(url, { poolSize: 4, withThreads: true });
    return { db, threaded, cleanup: () => console.log(`kept ${db.location} for the next run (DROP DATABASE to remove it)`) };
  }
  const kept = process.env.BENCH_DB;
  const dir = kept ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-metrics-bench-dashboard-'));
  const file = kept ? path.resolve(kept) : path.join(dir!, 'metrics.db');
  const fresh = !fs.existsSync(file);
  const db = SqliteDb.open(file);
  if (fresh) await seedDatabase(db, new Date());
  return { db, threaded: () => SqliteDb.open(file, { withThreads: true }), cleanup: () => dir && fs.rmSync(dir, { recursive: true, force: true }) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { engine: { type: 'string', default: 'sqlite' }, 'database-url': { type: 'string' } } });
  if (values.engine !== 'sqlite' && values.engine !== 'postgres') throw new Error(`--engine must be sqlite or postgres, got "${values.engine}"`);
  const { db, threaded, cleanup } = await openBenchDatabase(values.engine, values['database-url'] ?? process.env.TEST_DATABASE_URL);
  try {
    // A database kept from an earlier run gets the migrations since (0016: the lines' totals).
    await migrateUp(db, await migrationsFor(db));
    // Times from the seeded data, so that a kept database times the same rows on every run.
    const lastHour = new Date(await latestHourlyBucket(db)).getTime();
    const [end, dataEnd] = [new Date(lastHour + 20 * 60_000), new Date(lastHour + 3_600_000)];
    console.log(`\noverview data loading on ${values.engine}, ${RUNS} runs each (ms)\n${VIEW_HEADER}`);
    for (const range of RANGES) {
      for (const filter of FILTERS) {
        const query = { range: parseTimeRange({ range }, end), groupBy: 'service' as const, ...filter };
        viewFigures(`${range.padEnd(6)} ${filterName(filter)}`, await timeView(db, () => loadOverview(db, query, dataEnd)));
      }
    }
    await timeExplorer(db, end);
    await timeDimensionSplits(db, end, dataEnd);
    const server = threaded();
    await timeEventLoop(db, server, end, dataEnd).finally(() => server.close());
  } finally {
    await db.close();
    cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
