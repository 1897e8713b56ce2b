import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteDb } from '../db/sqlite-client';
import { createApiKey } from '../lib/keys/create';
import { loadMigrations } from '../lib/migrate/load';
import { migrateUp } from '../lib/migrate/up';
import { pythonUtcNow } from './helpers/http';
import { startProductionServer, stopProductionServer, waitForHealth } from './helpers/prod-server';
import { tempDir } from './helpers/tempdb';

// The production server of the current build (`npm test` builds before the unit tests).
const PORT = 20_000 + Math.floor(Math.random() * 20_000);
const DIST_DIR = process.env.INGEST_TEST_DIST_DIR ?? '.next';
const BASE = `http://127.0.0.1:${PORT}`;
const ROOT = path.resolve(__dirname, '..');

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** POST /metrics answered with 200 while the command ran. */
  ingestedMeanwhile: number;
}

describe('CLI verbs that write, while the production server ingests into the same file', () => {
  let dir: { dir: string; cleanup: () => void };
  let dbFile: string;
  let server: ChildProcess | undefined;
  let ingesting = true;
  const statuses: number[] = [];
  let ingestion: Promise<void>;

  /** `npm run <group> -- ARGS --db FILE` as its own process; `input` is its standard input (passwords). */
  async function cli(args: string[], input = ''): Promise<CliRun> {
    const before = statuses.filter((s) => s === 200).length;
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'cli/index.ts', ...args, '--db', dbFile], {
      cwd: ROOT,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdin.end(input);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    return { code, stdout, stderr, ingestedMeanwhile: statuses.filter((s) => s === 200).length - before };
  }

  beforeAll(async () => {
    dir = tempDir('mcp-metrics-hardening-cli-');
    dbFile = path.join(dir.dir, 'metrics.db');
    const db = SqliteDb.open(dbFile);
    await migrateUp(db, await loadMigrations());
    const { key } = await createApiKey(db, { service: 'busy', rateLimit: 1_000_000 }, 'test');
    await db.close();
    server = startProductionServer({ dbFile, port: PORT, distDir: DIST_DIR, stderr: 'pipe', env: { OTEL_PROMETHEUS_ENABLED: 'false' } });
    await waitForHealth(BASE, server);

    // Three clients posting batches back to back for as long as the test runs.
    const client = async (id: number) => {
      for (let i = 0; ingesting; i++) {
        const response = await fetch(`${BASE}/metrics`, {
          method: 'POST',
          headers: { 'x-api-key': key, 'content-type': 'application/json' },
          body: JSON.stringify({
            service: 'busy',
            instance_id: `client-${id}`,
            metrics: Array.from({ length: 20 }, (_, j) => ({
              type: j % 2 ? 'tool_execution' : 'auth_request',
              value: 1,
              timestamp: pythonUtcNow(),
              duration_ms: j,
            })),
          }),
        });
        statuses.push(response.status);
        await response.arrayBuffer();
      }
    };
    ingestion = Promise.all([0, 1, 2].map(client)).then(() => {});
    while (statuses.length < 20) await new Promise((resolve) => setTimeout(resolve, 50));
  }, 240_000);

  afterAll(async () => {
    ingesting = false;
    await ingestion?.catch(() => {});
    if (server) await stopProductionServer(server, 'SIGTERM');
    dir.cleanup();
  });

  it('each runs to success, the server meanwhile answering every ingest request with 200', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const runs: [string, CliRun][] = [];
    const run = async (args: string[], input?: string) => {
      const result = await cli(args, input);
      runs.push([args.join(' '), result]);
      return result;
    };

    const created = JSON.parse((await run(['keys', 'create', '--service', 'cli-made', '--json'])).stdout) as { id: number };
    const ref = String(created.id);
    await run(['keys', 'set-limits', ref, '--rate-limit', '50', '--daily-limit', '100']);
    await run(['keys', 'set-services', ref, 'cli-made,cli-made-canary']);
    await run(['keys', 'revoke', ref]);
    await run(['keys', 'reactivate', ref]);
    await run(['admin', 'create', 'ops@cli.test', '--role', 'viewer'], 'a long enough password\n');
    await run(['admin', 'set-password', 'ops@cli.test'], 'another long password\n');
    await run(['admin', 'set-role', 'ops@cli.test', 'admin']);
    await run(['retention', 'set', 'api_key_usage_log', '30']);
    await run(['retention', 'apply', '--dry-run']);
    await run(['retention', 'apply']);
    await run(['rollup', 'rebuild', '--from', today, '--to', today]);
    await run(['backup', 'create', '--out', path.join(dir.dir, 'backups')]);
    await run(['migrate', 'up']);

    for (const [command, result] of runs) {
      expect({ command, code: result.code, stderr: result.stderr }).toEqual({ command, code: 0, stderr: '' });
      expect(result.ingestedMeanwhile, `requests ingested while "${command}" ran`).toBeGreaterThan(0);
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    const listed = JSON.parse((await cli(['keys', 'list', '--json'])).stdout) as { id: number; active: boolean; rate_limit: number }[];
    expect(listed.find((k) => k.id === created.id)).toMatchObject({ active: true, rate_limit: 50 });
    expect((await cli(['admin', 'list'])).stdout).toMatch(/^ops@cli\.test {2}admin /m);
  }, 300_000);
});
