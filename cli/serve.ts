import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/client';
import { EXTERNAL_CHECKPOINTS_ENV } from '../db/queries/wal';
import { openTarget, untilReachable } from '../db/target';
import { config } from '../lib/config/config';
import { migrationsFor } from '../lib/migrate/load';
import { migrationLabel } from '../lib/migrate/migration';
import { startWalCheckpointer } from '../lib/ingest/wal-checkpointer';
import { ensureEnvKeys, WEAK_KEY_LENGTH } from '../lib/keys/ensure-env-keys';
import { migrateUp } from '../lib/migrate/up';
import { setRawRetentionDays } from '../lib/retention/default-raw-retention';
import { ensurePartitionsAhead } from '../lib/retention/ensure-partitions';
import { settleInterruptedRuns } from '../lib/retention/settle-interrupted-runs';
import { startServerLifecycle } from '../lib/schedule/lifecycle';
import { databaseTarget } from './database';
import { CliError } from './errors';
import { prepareAccess } from './serve-access';

const nextBin = () => require.resolve('next/dist/bin/next');

function buildIfMissing(): void {
  if (fs.existsSync(path.resolve(process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID'))) return;
  console.log('[serve] no production build found; running "next build" (once)');
  const result = spawnSync(process.execPath, [nextBin(), 'build'], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) throw new CliError('"next build" failed; see its output above');
}

async function prepareDatabase(db: Db): Promise<void> {
  const applied = await migrateUp(db, await migrationsFor(db));
  for (const m of applied) console.log(`[serve] applied migration ${migrationLabel(m)}`);
  console.log(`[serve] database ${db.location} is up to date`);
  // A new database (its retention policies just created) keeps raw metrics METRICS_RETENTION_DAYS days.
  if (applied.some((m) => m.name === 'retention_policies')) {
    const days = config().retention.rawDays;
    const changed = await setRawRetentionDays(db, days, 'system:env-retention');
    if (changed.length) console.log(`[serve] ${changed.join(', ')} keep ${days} days (METRICS_RETENTION_DAYS)`);
  }
  for (const k of await ensureEnvKeys(db, process.env, 'system:env-keys')) {
    console.log(`[serve] API key from ${k.variable} (service ${k.service}): ${k.created ? 'created' : 'already present'}`);
    if (k.weak) {
      console.warn(
        `[serve] warning: ${k.variable} is shorter than ${WEAK_KEY_LENGTH} characters; use a long random key (npm run keys -- create makes 43-character ones)`,
      );
    }
  }
  const interrupted = await settleInterruptedRuns(db);
  if (interrupted) console.log(`[serve] marked ${interrupted} retention run(s) of ended processes as interrupted`);
  // PostgreSQL: the months ahead exist before the first insert (the daily schedule's first run is a minute away).
  const partitions = await ensurePartitionsAhead(db);
  if (partitions.created.length) console.log(`[serve] created partitions ${partitions.created.join(', ')}`);
  await prepareAccess(db);
}

/** Prepares everything the app needs, then runs `next start` as a child and mirrors its fate. */
export async function run(args: string[]): Promise<number> {
  if (args.length) throw new CliError(`serve takes no arguments (configure it with environment variables), got: ${args.join(' ')}`);
  // Every variable is checked before anything starts: a bad one stops here, with its name (lib/config).
  const { server } = config();
  buildIfMissing();
  // This process's own database handle: start-up steps, then the schedules, for as long as the server runs.
  const target = databaseTarget(undefined);
  const db = openTarget(target);
  await untilReachable(db, target);
  await prepareDatabase(db);

  const stopLifecycle = startServerLifecycle(db);
  // PostgreSQL checkpoints by itself; a SQLite file's WAL is checkpointed here, off the server's event loop.
  const stopCheckpoints = target.engine === 'sqlite' ? startWalCheckpointer(target.file) : () => undefined;
  // Memory under load, in bench:ingest (peak RSS of the server over batched ingest beside the dashboard's
  // 90-day overview and explorer CSV; an operator's own NODE_OPTIONS and MALLOC_ARENA_MAX win):
  // - a heap limit: with V8's own (a share of the machine's memory, ~4 GB here) garbage piles up to 340 MB
  //   RSS under batched load before it is collected; with 512 MB (far above what the server keeps alive)
  //   it is collected sooner, at the same server CPU per request;
  // - glibc gives each thread that allocates (the SQLite writer and readers, libuv's pool) its own malloc
  //   arena, and each keeps its freed pages: two arenas for all of them took 327-346 MB to 294-312 MB, at
  //   the same batched rate and CPU per request;
  // - a 4 MB semi-space (young generation) rather than 8 took that to 273-287 MB, for 5-10% more CPU per
  //   batched request (6.11 vs 5.83 ms, the mean of 3 and 5 short runs in turns; 5.32 vs 4.76 ms in two
  //   whole bench:ingest runs, which peaked at 287 and 316 MB). Single-metric requests cost the same.
  const nodeOptions = ['--max-semi-space-size=4', '--max-old-space-size=512', process.env.NODE_OPTIONS].filter(Boolean).join(' ');
  const bind = server.host ? ['-H', server.host] : [];
  const child = spawn(process.execPath, [nextBin(), 'start', '-p', String(server.port), ...bind], {
    stdio: 'inherit',
    env: { MALLOC_ARENA_MAX: '2', ...process.env, NODE_OPTIONS: nodeOptions, [EXTERNAL_CHECKPOINTS_ENV]: '1' },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      stopLifecycle();
      stopCheckpoints();
      void db.close();
      resolve(code ?? (signal ? 1 : 0));
    }),
  );
}
