import pg from 'pg';
import { PostgresDb } from '../db/postgres-client';

async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const urlOf = (serverUrl: string, name: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

/**
 * The bench database `name` on the server of `serverUrl`, kept between runs: when missing, `fill` seeds a
 * new one under a temporary name that is renamed once complete, so an interrupted seeding is never reused.
 */
export async function keptDatabase(serverUrl: string, name: string, fill: (db: PostgresDb) => Promise<void>): Promise<string> {
  const exists = await onServer(serverUrl, async (c) => (await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount! > 0);
  if (!exists) {
    const seeding = `${name}_seeding`;
    await onServer(serverUrl, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${seeding} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${seeding}`);
    });
    const db = PostgresDb.open(urlOf(serverUrl, seeding), { poolSize: 4 });
    await fill(db).finally(() => db.close());
    await onServer(serverUrl, (c) => c.query(`ALTER DATABASE ${seeding} RENAME TO ${name}`));
  }
  return urlOf(serverUrl, name);
}
