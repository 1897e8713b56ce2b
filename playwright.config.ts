import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// Debian's Chromium where it is installed (no browser downloads on CI); Playwright's own elsewhere.
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const launchOptions = fs.existsSync(SYSTEM_CHROMIUM)
  ? {
      executablePath: SYSTEM_CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    }
  : {};

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;

// The config is evaluated again in each worker; the env var keeps them all on the runner's temp dir.
process.env.E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-metrics-e2e-'));
const dataDir = process.env.E2E_DATA_DIR;

const sqliteServer = {
  command: 'npm start',
  url: `${baseURL}/health`,
  reuseExistingServer: false,
  timeout: 300_000,
  stdout: 'pipe' as const,
  env: {
    PORT: String(port),
    SQLITE_DB_PATH: path.join(dataDir, 'metrics.db'),
    NEXT_TELEMETRY_DISABLED: '1',
    // The first admin of the fresh test database (e2e/auth.ts signs in with it).
    ADMIN_EMAIL: 'admin@e2e.test',
    ADMIN_PASSWORD: 'e2e admin password',
  },
};

// With TEST_DATABASE_URL (a PostgreSQL server, as .ci/run starts one), the same build also serves a
// fresh PostgreSQL database on the next port, for the smoke walk of e2e/postgres-smoke.spec.ts.
const postgresURL = process.env.TEST_DATABASE_URL ? `http://127.0.0.1:${port + 1}` : null;
const POSTGRES_KEY = 'e2e-postgres-smoke-key-0123456789abcdef';
const postgresServer = postgresURL && {
  ...sqliteServer,
  command: 'npx tsx e2e/serve-on-postgres.ts',
  url: `${postgresURL}/health`,
  env: { ...sqliteServer.env, PORT: String(port + 1), SQLITE_DB_PATH: '', OTEL_PROMETHEUS_ENABLED: 'false', METRICS_API_KEY_SMOKE: POSTGRES_KEY },
};
process.env.E2E_POSTGRES_KEY = POSTGRES_KEY;

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: { baseURL, trace: 'retain-on-failure', screenshot: 'only-on-failure', launchOptions },
  projects: [
    { name: 'sqlite', testIgnore: 'postgres-smoke.spec.ts' },
    ...(postgresURL ? [{ name: 'postgres', testMatch: 'postgres-smoke.spec.ts', use: { baseURL: postgresURL } }] : []),
  ],
  webServer: postgresServer ? [sqliteServer, postgresServer] : sqliteServer,
});
