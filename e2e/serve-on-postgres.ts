/**
 * The Playwright smoke walk's server on PostgreSQL: a fresh database on TEST_DATABASE_URL's server
 * (recreated on every run), then `npm start`'s own serve command on it.
 */
import pg from 'pg';
import { run } from '../cli/serve';

export const E2E_POSTGRES_DATABASE = 'mcp_metrics_e2e';

async function freshDatabase(serverUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${E2E_POSTGRES_DATABASE} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${E2E_POSTGRES_DATABASE}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${E2E_POSTGRES_DATABASE}`;
  return url.toString();
}

async function main(): Promise<void> {
  process.env.DATABASE_URL = await freshDatabase(process.env.TEST_DATABASE_URL!);
  process.exitCode = await run([]);
}

void main();
