// bench:pg-driver — the two PostgreSQL drivers drizzle supports, `pg` (node-postgres) and `postgres`
// (postgres.js), on the statements the ingest path runs most: the key lookup, a 32-row INSERT and a
// write transaction of a batch's statements. Figures in one run, so the choice is measured, not guessed.
// Needs BENCH_DATABASE_URL (or TEST_DATABASE_URL), e.g. postgres://postgres@127.0.0.1:55432/postgres.
import pg from 'pg';
import postgres from 'postgres';

const URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3000);
const CONCURRENCY = 10;

const SETUP = `DROP TABLE IF EXISTS bench_driver; CREATE TABLE bench_driver (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, k text, v double precision, d jsonb);
  CREATE INDEX ON bench_driver (k); INSERT INTO bench_driver (k, v) SELECT 'key' || i, i FROM generate_series(1, 1000) AS i`;
const rowsSql = (n: number) =>
  `INSERT INTO bench_driver (k, v, d) VALUES ${Array.from({ length: n }, (_, i) => `($${3 * i + 1}, $${3 * i + 2}, $${3 * i + 3})`).join(', ')}`;
const rowValues = (n: number) => Array.from({ length: n }, (_, i) => [`new${i}`, i, JSON.stringify({ tool_name: 'search', success: true })]).flat();

async function timed(name: string, work: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < ROUNDS) await work();
    }),
  );
  const ms = performance.now() - started;
  console.log(`  ${name.padEnd(40)} ${((ROUNDS / ms) * 1000).toFixed(0).padStart(7)} ops/s`);
}

async function main(): Promise<void> {
  if (!URL) throw new Error('set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL database');
  const pool = new pg.Pool({ connectionString: URL, max: CONCURRENCY });
  await pool.query(SETUP);
  const sql = postgres(URL, { max: CONCURRENCY, onnotice: () => {} });
  const insert32 = rowsSql(32);
  const values32 = rowValues(32);
  for (let pass = 1; pass <= 2; pass++) {
    console.log(`pass ${pass} (${ROUNDS} operations, ${CONCURRENCY} at a time)`);
    await timed('pg: key lookup (prepared)', () => pool.query({ name: 'lookup', text: 'SELECT id, v FROM bench_driver WHERE k = $1', values: ['key500'] }));
    await timed('postgres: key lookup (prepared)', () => sql.unsafe('SELECT id, v FROM bench_driver WHERE k = $1', ['key500'], { prepare: true }));
    await timed('pg: 32-row INSERT', () => pool.query({ name: 'insert32', text: insert32, values: values32 }));
    await timed('postgres: 32-row INSERT', () => sql.unsafe(insert32, values32 as never[], { prepare: true }));
    await timed('pg: transaction (BEGIN, INSERT, SELECT, COMMIT)', async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query({ name: 'insert32', text: insert32, values: values32 });
        await client.query({ name: 'lookup', text: 'SELECT id, v FROM bench_driver WHERE k = $1', values: ['key7'] });
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    });
    await timed('postgres: transaction (BEGIN, INSERT, SELECT, COMMIT)', () =>
      sql.begin(async (tx) => {
        await tx.unsafe(insert32, values32 as never[], { prepare: true });
        await tx.unsafe('SELECT id, v FROM bench_driver WHERE k = $1', ['key7'], { prepare: true });
      }),
    );
  }
  await pool.query('DROP TABLE bench_driver');
  await pool.end();
  await sql.end();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
