import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { Db, LongReader, Params, Reader, ThreadTask, Tx } from './client';
import { READER_HEAP, READER_THREADS, taskRequest, ThreadPool, WorkerThread } from './worker-thread';

/**
 * Statements are written once, with SQLite's `?` placeholders; PostgreSQL numbers them (`$1`, `$2`...).
 * A `?` inside a quoted string or identifier is text, not a placeholder. Converted once per text.
 */
const converted = new Map<string, { text: string; name: string }>();

export function numberedPlaceholders(sql: string): string {
  let out = '';
  let n = 0;
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else out += ch === '?' ? `$${++n}` : ch;
  }
  return out;
}

/** The statement as PostgreSQL takes it, with a name so each connection parses and plans it once. */
function prepared(sql: string): { text: string; name: string } {
  let statement = converted.get(sql);
  if (!statement) converted.set(sql, (statement = { text: numberedPlaceholders(sql), name: `s${converted.size + 1}` }));
  return statement;
}

/** `2026-12-02 18:54:50.12345+00` (a timestamptz in the UTC session) -> `2026-12-02T18:54:50.123Z`, the form SQLite stores. */
export function isoFromTimestamptz(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d+))?\+00$/.exec(text);
  if (!match) return new Date(text).toISOString();
  return `${match[1]}T${match[2]}.${(match[3] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
}

/**
 * What rows look like on both engines: counts and ids as numbers (bigint and numeric arrive as text),
 * times as ISO-8601 with Z, dates as `YYYY-MM-DD`, JSON as compact text (what SQLite keeps), so that
 * nothing above db/ sees which engine answered.
 */
const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    switch (oid) {
      case pg.types.builtins.INT8:
      case pg.types.builtins.NUMERIC:
        return (text: string) => Number(text);
      case pg.types.builtins.TIMESTAMPTZ:
        return isoFromTimestamptz;
      case pg.types.builtins.DATE:
        return (text: string) => text;
      case pg.types.builtins.JSON:
      case pg.types.builtins.JSONB:
        return (text: string) => JSON.stringify(JSON.parse(text));
      default:
        return pg.types.getTypeParser(oid, format as 'text');
    }
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** Where a database lives, for messages: the URL without its password. */
export function redactedUrl(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.toString();
}

function reader(run: (sql: string, params: Params) => Promise<pg.QueryResult>): Pick<Reader, 'all' | 'get'> {
  return {
    all: async <R>(sql: string, params: Params = []) => (await run(sql, params)).rows as R[],
    get: async <R>(sql: string, params: Params = []) => (await run(sql, params)).rows[0] as R | undefined,
  };
}

const query = (client: pg.Pool | pg.PoolClient, sql: string, params: Params) => {
  const { text, name } = prepared(sql);
  return client.query(params.length ? { text, name, values: params as unknown[] } : text);
};

const CURSOR_BATCH = 1000;

/**
 * Connections of each reader thread's own pool: the overview reads its windows, filter choices and lines at
 * once (loadOverview), five queries in flight.
 */
const READER_POOL_SIZE = 3;

/**
 * A server's long reads on PostgreSQL: statements on the server's pool (the database does their work), and
 * tasks in reader threads with pools of their own, where what the rows add up to is worked out (the
 * overview's sketches) rather than on the event loop that answers ingestion. bench:dashboard, 10 M metrics,
 * overviews loaded again: the event loop held at most 18-35 ms by a 24 h one and 24-42 ms by 7 d lines per
 * tool when added up on it, 7-16 ms through the threads; each view takes 1.3-2x as long that way.
 */
class ReaderThreads implements LongReader {
  readonly engine = 'postgres' as const;
  readonly all: Reader['all'];
  readonly get: Reader['get'];
  readonly location: string;
  private readonly threads: ThreadPool;

  constructor(db: PostgresDb, url: string) {
    [this.all, this.get, this.location] = [db.all, db.get, db.location];
    this.threads = new ThreadPool(
      READER_THREADS,
      () => new WorkerThread(WorkerThread.entryPath('postgres-reader-worker.ts'), { url, poolSize: READER_POOL_SIZE }, READER_HEAP),
    );
  }

  runTask<I, R>(task: ThreadTask<I, R, Reader>, input: I): Promise<R> {
    return this.threads.call(taskRequest(task, input));
  }

  close(): Promise<void> {
    return this.threads.close();
  }
}

/**
 * The PostgreSQL engine: a pool of `poolSize` connections, every session in UTC. Reads take any
 * connection; a transaction holds one from BEGIN to COMMIT (READ COMMITTED: what concurrent writers
 * must not lose is taken care of by the statements themselves, e.g. additive upserts and row locks).
 */
export class PostgresDb implements Db {
  readonly engine = 'postgres' as const;
  readonly inTransaction = false as const;
  readonly all!: Reader['all'];
  readonly get!: Reader['get'];
  readonly location: string;

  private readonly readerThreads?: ReaderThreads;

  private constructor(
    url: string,
    private readonly pool: pg.Pool,
    withThreads: boolean,
  ) {
    this.location = redactedUrl(url);
    Object.assign(
      this,
      reader((sql, params) => query(this.pool, sql, params)),
    );
    if (withThreads) this.readerThreads = new ReaderThreads(this, url);
  }

  /** The server runs every statement; opened `withThreads`, tasks run in reader threads (ReaderThreads). */
  get longReads(): LongReader {
    return this.readerThreads ?? this;
  }

  /** The server does the work of a task's statements: it runs here. */
  runTask<I, R>(task: ThreadTask<I, R>, input: I): Promise<R> {
    return task.run(this, input);
  }

  /**
   * A pool on `url` (no connection is made until the first query). `withThreads`: a server's database, whose
   * long reads' tasks run in reader threads (their threads and pools start with the first task).
   */
  static open(url: string, options: { poolSize: number; withThreads?: boolean }): PostgresDb {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize, types: TYPES, options: '-c TimeZone=UTC' });
    // An idle connection that breaks (server restart) must not crash the process; the next query reconnects.
    pool.on('error', (error) => console.error(`[db] idle PostgreSQL connection failed: ${error.message}`));
    return new PostgresDb(url, pool, options.withThreads ?? false);
  }

  /**
   * Waits for the server to answer, retrying with backoff for up to `timeoutSeconds` (a database
   * container may start after the service), then fails with the last error.
   */
  async waitUntilReachable(timeoutSeconds: number): Promise<void> {
    const deadline = Date.now() + timeoutSeconds * 1000;
    for (let delayMs = 250; ; delayMs = Math.min(delayMs * 2, 5000)) {
      try {
        await this.pool.query('SELECT 1');
        return;
      } catch (error) {
        if (Date.now() + delayMs > deadline) {
          throw new Error(`PostgreSQL at ${this.location} did not answer within ${timeoutSeconds} s: ${(error as Error).message}`);
        }
        await sleep(delayMs);
      }
    }
  }

  async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let open = true;
    const ensureOpen = () => {
      if (!open) throw new Error('statement after the end of its transaction (an un-awaited call inside writeTransaction?)');
    };
    const run = (sql: string, params: Params) => (ensureOpen(), query(client, sql, params));
    const read = reader(run);
    let cursors = 0;
    const tx: Tx = {
      engine: 'postgres',
      location: this.location,
      inTransaction: true,
      all: read.all,
      get: read.get,
      run: async (sql, params = []) => (await run(sql, params)).rowCount ?? 0,
      exec: async (script) => void (ensureOpen(), await client.query(script)),
      iterate: <R>(sql: string, params: Params = []) =>
        (async function* () {
          const cursor = `mcp_cursor_${++cursors}`;
          await client.query({ text: `DECLARE ${cursor} NO SCROLL CURSOR FOR ${numberedPlaceholders(sql)}`, values: params as unknown[] });
          try {
            for (;;) {
              const { rows } = await client.query(`FETCH ${CURSOR_BATCH} FROM ${cursor}`);
              yield* rows as R[];
              if (rows.length < CURSOR_BATCH) return;
            }
          } finally {
            await client.query(`CLOSE ${cursor}`);
          }
        })(),
    };
    try {
      await client.query('BEGIN');
      const value = await fn(tx);
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      open = false;
      client.release();
    }
  }

  /** The pool's connections: its size, how many are open and idle, and requests waiting for one. */
  poolStats(): { max: number; open: number; idle: number; waiting: number } {
    return { max: this.pool.options.max ?? 10, open: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  async close(): Promise<void> {
    await this.readerThreads?.close();
    await this.pool.end();
  }
}
