import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Engine } from '../../db/client';

/**
 * The engine this test run is on: vitest's `postgres` project sets TEST_ENGINE=postgres (and needs
 * TEST_DATABASE_URL, a server where tests may create databases); everything else runs on SQLite.
 */
export const testEngine = (): Engine => (process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite');

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_ENGINE=postgres needs TEST_DATABASE_URL (a PostgreSQL server where tests may create databases)');
  return url;
}

async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const databaseUrl = (name: string) => {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
};

/**
 * A new database on the test server, empty or a copy of `template`, and how to drop it (connections
 * still open are ended).
 */
export async function scratchPostgresDatabase(template?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `mcp_test_${randomBytes(6).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
  return { url: databaseUrl(name), drop: () => onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined) };
}

/**
 * The name of a database migrated to `migrations`, made once per set of migrations and server (its
 * name carries their checksums) and copied by CREATE DATABASE ... TEMPLATE: a copy takes ~150 ms where
 * migrating the month-partitioned schema takes ~600 ms. Test processes that race to make it take turns.
 */
export async function migratedTemplate(checksums: string[], migrate: (url: string) => Promise<void>): Promise<string> {
  const name = `mcp_template_${createHash('sha256').update(checksums.join()).digest('hex').slice(0, 16)}`;
  return onServer(async (client) => {
    await client.query(`SELECT pg_advisory_lock(hashtext('mcp-metrics.test-template'))`);
    try {
      const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
      if (exists.rowCount === 0) {
        const building = `${name}_building`;
        await client.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
        await client.query(`CREATE DATABASE ${building}`);
        await migrate(databaseUrl(building));
        await client.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      }
      return name;
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext('mcp-metrics.test-template'))`);
    }
  });
}
