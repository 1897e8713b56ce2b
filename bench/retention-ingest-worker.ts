// The ingest side of bench:retention, in its own process as the server would be: one request every
// BENCH_INTERVAL_MS through the real ingest path (validation, row preparation, commitWrites with
// rollups), timing how long each commit waited for and spent in the database.
import readline from 'node:readline';
import { getDb } from '../db/connection';
import { acceptMetrics } from '../lib/ingest/accept';
import { commitWrites } from '../lib/ingest/commit';
import { metricsRequestShape } from '../lib/ingest/validation';

// As under `npm start` (the parent sets MCP_METRICS_EXTERNAL_CHECKPOINTS): the parent process
// checkpoints, the server's connection only as a fallback.
// BENCH_DB: a SQLite file, or a PostgreSQL URL.
process.env[/^postgres(ql)?:/.test(process.env.BENCH_DB!) ? 'DATABASE_URL' : 'SQLITE_DB_PATH'] = process.env.BENCH_DB!;
const db = getDb();
const intervalMs = Number(process.env.BENCH_INTERVAL_MS ?? 5);
const perRequest = Number(process.env.BENCH_METRICS_PER_REQUEST ?? 10);
const samples: Array<[number, number]> = [];
let stopped = false;
/** The request being committed: on a server (PostgreSQL) it commits even if this process exits, so stop waits for it. */
let inFlight: Promise<void> = Promise.resolve();

async function request(): Promise<void> {
  const body = metricsRequestShape.parse({
    service: 'bench-ingest',
    instance_id: 'pod-1',
    metrics: Array.from({ length: perRequest }, (_, i) => ({
      type: 'tool_execution',
      value: i,
      duration_ms: 12.5,
      dimensions: { tool_name: 'search', success: true },
    })),
  });
  const { metrics } = acceptMetrics(body);
  const started = performance.now();
  await commitWrites(db, [{ metrics, usage: null }]);
  samples.push([Date.now(), performance.now() - started]);
}

async function loop(): Promise<void> {
  if (stopped) return;
  const next = performance.now() + intervalMs;
  await (inFlight = request());
  if (samples.length === 1) process.stdout.write('ready\n');
  setTimeout(() => void loop(), Math.max(0, next - performance.now()));
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'stop') return;
  stopped = true;
  void inFlight.then(() => {
    void db.close();
    // Exit only once the (large) line has reached the pipe.
    process.stdout.write(`${JSON.stringify({ samples, metricsPerRequest: perRequest })}\n`, () => process.exit(0));
  });
});
void loop();
