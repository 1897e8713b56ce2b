// bench:retention — deletes BENCH_ROWS (default 1,000,000) expired metrics rows while another process
// ingests through the real ingest path, and reports how long ingest commits waited for the database
// (target: none over 100 ms), next to a baseline without cleanup.
//
//   npm run bench:retention                        # SQLite
//   npm run bench:retention -- --engine postgres   # SQLite, then PostgreSQL, side by side
//
// PostgreSQL runs in a scratch database on the server of BENCH_DATABASE_URL (or TEST_DATABASE_URL).
// There the expired rows lie half in whole months before the cutoff's, whose partitions retention
// drops, half in the cutoff's own month, deleted in chunks (BENCH_STRADDLING_ROWS changes the split).
import { setTimeout as sleep } from 'node:timers/promises';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import type { Db } from '../db/client';
import { countRows, pageStats, storageBytes } from '../db/queries/database';
import { rangePartitions } from '../db/queries/partitions';
import { countOlderThan } from '../db/queries/retention';
import { checkpointTruncate } from '../db/queries/standalone-file';
import { EXTERNAL_CHECKPOINTS_ENV } from '../db/queries/wal';
import { PostgresDb } from '../db/postgres-client';
import { withScratchDatabase } from '../db/postgres-tools';
import { SqliteDb } from '../db/sqlite-client';
import { openDatabase } from '../db/sqlite-file';
import { startWalCheckpointer } from '../lib/ingest/wal-checkpointer';
import { migrationsFor } from '../lib/migrate/load';
import { migrateUp } from '../lib/migrate/up';
import { applyRetentionCleanup, DEFAULT_CHUNK_ROWS, DEFAULT_PAUSE_MS, type CleanupProgress } from '../lib/retention/apply-cleanup';
import { cutoffFor } from '../lib/retention/cutoff';
import { seedAgedMetrics, seedAgedMetricsPostgres } from './seed-aged-metrics';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const STRADDLING_ROWS = Number(process.env.BENCH_STRADDLING_ROWS ?? Math.round(ROWS / 2));
const KEPT_ROWS = 20_000;
const BASELINE_MS = 3000;
const RETENTION_DAYS = 90; // the metrics table's default policy
const chunkRows = Number(process.env.BENCH_CHUNK_ROWS ?? DEFAULT_CHUNK_ROWS);
const pauseMs = Number(process.env.BENCH_PAUSE_MS ?? DEFAULT_PAUSE_MS);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const thousands = (n: number) => n.toLocaleString('en-US');
const datetime = (at: Date) => at.toISOString().slice(0, 19).replace('T', ' ');
const loadAverage = () =>
  `${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${os.cpus().length} cores`;

function stats(waits: number[]) {
  const sorted = [...waits].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { requests: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0, over100: sorted.filter((w) => w > 100).length };
}
const show = (s: ReturnType<typeof stats>) =>
  `${s.requests} requests, wait p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms, max ${s.max.toFixed(2)} ms, over 100 ms: ${s.over100}`;

/** A migrated, seeded database of one engine, and what the ingest worker is given to reach it. */
interface Seeded {
  engine: 'sqlite' | 'postgres';
  db: Db;
  /** BENCH_DB of the worker: the SQLite file or the PostgreSQL URL. */
  location: string;
  /** Runs beside the cleanup as `npm start` would (SQLite: the parent's WAL checkpoints); returns stop(). */
  background: () => () => void;
  bytes: () => Promise<number>;
}

interface Outcome {
  engine: string;
  deleted: number;
  droppedPartitions: number;
  cleanupMs: number;
  during: ReturnType<typeof stats>;
  ok: boolean;
}

async function seedSqlite(dir: string): Promise<Seeded> {
  const file = path.join(dir, 'metrics.db');
  const db = SqliteDb.open(file);
  await migrateUp(db, await migrationsFor(db));
  const seeder = openDatabase(file);
  seedAgedMetrics(seeder, ROWS, '2025-01-01 00:00:00');
  seedAgedMetrics(seeder, KEPT_ROWS, datetime(new Date()));
  checkpointTruncate(seeder);
  seeder.close();
  return {
    engine: 'sqlite',
    db,
    location: file,
    background: () => startWalCheckpointer(file),
    bytes: async () => {
      const pages = await pageStats(db);
      return pages.pageCount * pages.pageSize;
    },
  };
}

async function seedPostgres(url: string): Promise<Seeded> {
  const db = PostgresDb.open(url, { poolSize: 4 });
  await migrateUp(db, await migrationsFor(db));
  // The cutoff's month (straddling it) gets STRADDLING_ROWS older than the cutoff; the two months before it the rest.
  const cutoff = new Date(Date.now() - RETENTION_DAYS * 86_400_000);
  const monthStart = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth(), 1));
  const monthsBefore = [2, 1].map((back) => new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() - back, 1)));
  const whole = ROWS - STRADDLING_ROWS;
  for (const [i, month] of monthsBefore.entries()) {
    await seedAgedMetricsPostgres(db, Math.floor(whole / 2) + (i === 0 ? whole % 2 : 0), datetime(month), 27 * 86_400);
  }
  const beforeCutoff = Math.max(1, Math.floor((cutoff.getTime() - monthStart.getTime()) / 1000) - 60);
  await seedAgedMetricsPostgres(db, STRADDLING_ROWS, datetime(monthStart), beforeCutoff);
  await seedAgedMetricsPostgres(db, KEPT_ROWS, datetime(new Date()));
  return { engine: 'postgres', db, location: url, background: () => () => undefined, bytes: async () => (await storageBytes(db)).fileBytes };
}

/** Cleans up the seeded database while a worker process ingests, and prints what ingestion waited. */
async function measure(seeded: Seeded): Promise<Outcome> {
  const { db, engine } = seeded;
  const before = await seeded.bytes();
  const partitionsBefore = (await rangePartitions(db, 'metrics', 'created_at')).length;
  console.log(
    `[${engine}] seeded ${thousands(ROWS)} expired + ${thousands(KEPT_ROWS)} current metrics rows; database ${mb(before)}` +
      (engine === 'postgres' ? `, ${partitionsBefore} partitions (${thousands(STRADDLING_ROWS)} expired rows in the cutoff's month)` : ''),
  );

  // The same two processes as `npm start`: this one (the parent: checkpoints and retention) and the server.
  const stopBackground = seeded.background();
  const worker = spawn(process.execPath, [require.resolve('tsx/cli'), path.join(__dirname, 'retention-ingest-worker.ts')], {
    env: { ...process.env, BENCH_DB: seeded.location, [EXTERNAL_CHECKPOINTS_ENV]: '1' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: worker.stdout! });
  const nextLine = () => new Promise<string>((resolve) => lines.once('line', resolve));
  await nextLine(); // ready
  const baselineStart = Date.now();
  await sleep(BASELINE_MS);
  const cleanupStart = Date.now();
  const t = performance.now();
  console.log(`[${engine}] load average at the start: ${loadAverage()}`);
  const lockedMs: number[] = [];
  const chunkEnds: number[] = [];
  const onProgress = (p: CleanupProgress) => {
    lockedMs.push(p.lockedMs);
    chunkEnds.push(Date.now());
  };
  const result = await applyRetentionCleanup(db, { dryRun: false, table: 'metrics', actor: 'bench', chunkRows, pauseMs, onProgress });
  const cleanupMs = performance.now() - t;
  const cleanupEnd = Date.now();
  await sleep(500);
  worker.stdin!.write('stop\n');
  const { samples, metricsPerRequest } = JSON.parse(await nextLine()) as { samples: Array<[number, number]>; metricsPerRequest: number };
  stopBackground();

  const baseline = stats(samples.filter(([at]) => at >= baselineStart && at < cleanupStart).map(([, w]) => w));
  const during = stats(samples.filter(([at]) => at >= cleanupStart && at <= cleanupEnd).map(([, w]) => w));
  const after = await seeded.bytes();
  const left = await countRows(db, 'metrics');
  const expiredLeft = await countOlderThan(db, 'metrics', 'created_at', cutoffFor('metrics', RETENTION_DAYS));
  const expectedLeft = KEPT_ROWS + samples.length * metricsPerRequest;
  const dropped = result.tables[0]!.droppedPartitions;

  console.log(
    `[${engine}] cleanup: deleted ${thousands(result.totalDeleted)} rows in ${(cleanupMs / 1000).toFixed(1)} s (${thousands(Math.round(result.totalDeleted / (cleanupMs / 1000)))} rows/s; chunks of ${chunkRows}, ${pauseMs} ms pause)` +
      (dropped.length ? `, ${dropped.length} month partitions dropped whole (${dropped.join(', ')})` : '') +
      (engine === 'sqlite' ? `, then freed ${result.freedPages} pages` : ''),
  );
  const chunks = stats(lockedMs);
  console.log(
    `[${engine}] steps: ${lockedMs.length}${engine === 'postgres' ? ' (partition drops and chunk deletes)' : ' (chunk deletes)'}, transaction time per step p50 ${chunks.p50.toFixed(1)} ms, p99 ${chunks.p99.toFixed(1)} ms, max ${chunks.max.toFixed(1)} ms`,
  );
  console.log(`[${engine}] database ${mb(before)} -> ${mb(after)}${engine === 'sqlite' ? ` (free pages left: ${(await pageStats(db)).freelistCount})` : ''}`);
  console.log(`[${engine}] ingest baseline (no cleanup, ${BASELINE_MS / 1000} s): ${show(baseline)}`);
  console.log(`[${engine}] ingest during cleanup:                ${show(during)}`);
  // Where the slow ones fell: while deleting (with the longest step around them) or while vacuuming.
  const deletionEnd = chunkEnds.at(-1) ?? cleanupStart;
  for (const [at, wait] of samples.filter(([at, w]) => at >= cleanupStart && at <= cleanupEnd && w > 50)) {
    const near = chunkEnds.flatMap((end, i) => (Math.abs(end - at) < 500 ? [lockedMs[i]!] : []));
    const phase = at <= deletionEnd ? `deleting, longest step within 0.5 s ${Math.max(0, ...near).toFixed(1)} ms` : 'vacuuming';
    console.log(`[${engine}]   slow ingest commit: ${wait.toFixed(1)} ms at +${((at - cleanupStart) / 1000).toFixed(2)} s (${phase})`);
  }
  console.log(`[${engine}] rows left ${thousands(left)} (expected ${thousands(expectedLeft)}), expired left ${expiredLeft}`);
  // The figures depend on what else competes for the CPU: a lock holder that loses its core makes waiters wait.
  console.log(`[${engine}] load average at the end: ${loadAverage()}`);
  const ok = during.max < 100 && left === expectedLeft && expiredLeft === 0 && result.totalDeleted === ROWS;
  console.log(`[${engine}] ${ok ? 'PASS: no ingest request waited 100 ms or more for the database' : 'FAIL: see the figures above'}`);
  return { engine, deleted: result.totalDeleted, droppedPartitions: dropped.length, cleanupMs, during, ok };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { engine: { type: 'string', default: 'sqlite' } } });
  if (values.engine !== 'sqlite' && values.engine !== 'postgres') throw new Error(`--engine must be sqlite or postgres, got "${values.engine}"`);
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (values.engine === 'postgres' && !serverUrl)
    throw new Error('--engine postgres needs BENCH_DATABASE_URL (or TEST_DATABASE_URL): a server where a scratch database may be created');

  const outcomes: Outcome[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-metrics-bench-retention-'));
  try {
    const sqlite = await seedSqlite(dir);
    try {
      outcomes.push(await measure(sqlite));
    } finally {
      await sqlite.db.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (values.engine === 'postgres') {
    await withScratchDatabase(serverUrl!, async (url) => {
      const postgres = await seedPostgres(url);
      try {
        outcomes.push(await measure(postgres));
      } finally {
        await postgres.db.close();
      }
    });
  }

  if (outcomes.length > 1) {
    console.log('\nengine    deleted    partitions dropped  cleanup  ingest wait during cleanup: p50 / p99 / max, over 100 ms');
    for (const o of outcomes) {
      console.log(
        `${o.engine.padEnd(8)}  ${thousands(o.deleted).padStart(9)}  ${String(o.droppedPartitions).padStart(18)}  ${`${(o.cleanupMs / 1000).toFixed(1)} s`.padStart(7)}  ` +
          `${o.during.p50.toFixed(2)} / ${o.during.p99.toFixed(2)} / ${o.during.max.toFixed(2)} ms, ${o.during.over100}   ${o.ok ? 'PASS' : 'FAIL'}`,
      );
    }
  }
  process.exitCode = outcomes.every((o) => o.ok) ? 0 : 1;
}

void main();
