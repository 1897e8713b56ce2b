import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/**
 * The production server as `npm start` runs it (cli/serve.ts: build if missing, migrate, then
 * `next start`), in its own process group so that one signal reaches the parent and Next together.
 */
export function startProductionServer(options: {
  dbFile: string;
  port: number;
  distDir: string;
  stderr?: 'inherit' | 'pipe';
  stdout?: 'ignore' | 'pipe';
  /** More variables, over the ones above (an empty value counts as unset). */
  env?: Record<string, string>;
}): ChildProcess {
  // `dbFile` is a SQLite file or, on the postgres project, the database's URL (migratedDatabase().file).
  const database = /^postgres(ql)?:/.test(options.dbFile) ? { DATABASE_URL: options.dbFile } : { DATABASE_URL: '', SQLITE_DB_PATH: options.dbFile };
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'cli/index.ts', 'serve'], {
    cwd: path.resolve(__dirname, '..'),
    env: {
      ...process.env,
      ...database,
      PORT: String(options.port),
      NEXT_DIST_DIR: options.distDir,
      NEXT_TELEMETRY_DISABLED: '1',
      // Servers of parallel tests would all bind the exposition port 9465; a test of it turns it on.
      OTEL_PROMETHEUS_ENABLED: 'false',
      ...options.env,
    },
    detached: true,
    stdio: ['ignore', options.stdout ?? 'ignore', options.stderr ?? 'inherit'],
  });
  child.stderr?.on('data', (chunk) => process.stderr.write(`[server] ${chunk}`));
  return child;
}

export async function waitForHealth(base: string, child: ChildProcess, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('server did not become healthy');
}

/** Signals the whole process group and waits for the parent to exit. */
export async function stopProductionServer(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid!, signal);
  } catch {
    return; // already gone
  }
  await exited;
}

/** A TCP port nobody listens on right now, for a server a test starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
