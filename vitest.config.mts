import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const alias = { '@': fileURLToPath(new URL('.', import.meta.url)) };

// Test files that run on both engines: everything that reaches the database through `db` (the
// verbs, the route handlers, servers started by the test). The rest look at SQLite's own file
// (PRAGMAs, WAL, page-level damage, file backups) and run on SQLite only.
const BOTH_ENGINES = [
  'tests/admin-api.test.ts',
  'tests/dashboard-explorer.test.ts',
  'tests/dashboard-marks.test.ts',
  'tests/dimension-rollups.test.ts',
  'tests/preferences.test.ts',
  'tests/dashboard-export-routes.test.ts',
  'tests/dashboard-overview.test.ts',
  'tests/dashboard-bucket-sums.test.ts',
  'tests/dashboard-other-line.test.ts',
  'tests/dashboard-views.test.ts',
  'tests/dashboard-window.test.ts',
  'tests/hardening.test.ts',
  'tests/ingest.test.ts',
  'tests/ingest-durability.test.ts',
  'tests/ingest-limits.test.ts',
  'tests/keys.test.ts',
  'tests/keys-cli.test.ts',
  'tests/retention-schedule.test.ts',
  'tests/rollups.test.ts',
  'tests/users.test.ts',
  'tests/multi-instance.test.ts',
  'tests/minute-rollups.test.ts',
  'tests/alerts.test.ts',
  'tests/annotations.test.ts',
  'tests/reader-threads.test.ts',
];

const shared = {
  environment: 'node',
  // Native SQLite handles and child servers are safest in separate processes.
  pool: 'forks',
  testTimeout: 30_000,
  hookTimeout: 120_000,
} as const;

const projects: TestProjectInlineConfiguration[] = [
  { resolve: { alias }, test: { ...shared, name: 'sqlite', include: ['tests/**/*.test.ts'], exclude: ['tests/multi-instance.test.ts'] } },
];
if (process.env.TEST_DATABASE_URL) {
  projects.push({ resolve: { alias }, test: { ...shared, name: 'postgres', include: BOTH_ENGINES, env: { TEST_ENGINE: 'postgres' } } });
} else {
  console.log('[vitest] TEST_DATABASE_URL is not set: the PostgreSQL project is skipped (.ci/run starts a server and sets it)');
}

export default defineConfig({ resolve: { alias }, test: { projects } });
