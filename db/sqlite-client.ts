import type { Statement } from 'better-sqlite3';
import type { Db, LongReader, Params, Reader, ThreadTask, Tx } from './client';
import { openDatabase, setAutoCheckpoint, type Sqlite } from './sqlite-file';
import type { ReadRequest } from './sqlite-reader-worker';
import { READER_HEAP, READER_THREADS, taskRequest, ThreadPool, WorkerThread, type ThreadHeap } from './worker-thread';

/** Prepared statements, compiled once per connection: the hot paths run the same few statements. */
class Statements {
  private readonly cache = new Map<string, Statement>();
  constructor(readonly connection: Sqlite) {}

  get(sql: string): Statement {
    let prepared = this.cache.get(sql);
    if (!prepared) this.cache.set(sql, (prepared = this.connection.prepare(sql)));
    return prepared;
  }
}

function reader(statements: Statements): Pick<Reader, 'all' | 'get'> {
  return {
    all: async <R>(sql: string, params: Params = []) => statements.get(sql).all(...params) as R[],
    get: async <R>(sql: string, params: Params = []) => statements.get(sql).get(...params) as R | undefined,
  };
}

/** Reads through a connection the caller owns (a standalone file being checked or inspected). */
export function sqliteReader(connection: Sqlite): Reader {
  return { engine: 'sqlite', location: connection.name, ...reader(new Statements(connection)) };
}

/**
 * The writer thread's heap: a group commit of 10 x 100 metrics parses to ~5 MB (a larger young generation,
 * 24 MB, changed neither its CPU per request nor RSS in bench:ingest). Each thread also costs ~17 MB of RSS
 * to start (its isolate, tsx, the modules, its connection).
 */
const WRITER_HEAP: ThreadHeap = { youngMb: 8, oldMb: 64 };

/** Reads spread over reader threads, each statement (or task) to the thread with the fewest in flight. */
class ReaderPool implements LongReader {
  readonly engine = 'sqlite' as const;
  private readonly threads: ThreadPool;

  constructor(
    readonly location: string,
    busyTimeoutMs: number | undefined,
  ) {
    this.threads = new ThreadPool(
      READER_THREADS,
      () => new WorkerThread(WorkerThread.entryPath('sqlite-reader-worker.ts'), { file: location, busyTimeoutMs }, READER_HEAP),
    );
  }

  all<R>(sql: string, params: Params = []): Promise<R[]> {
    return this.read({ sql, params, first: false } satisfies ReadRequest);
  }

  get<R>(sql: string, params: Params = []): Promise<R | undefined> {
    return this.read({ sql, params, first: true } satisfies ReadRequest);
  }

  runTask<I, R>(task: ThreadTask<I, R, Reader>, input: I): Promise<R> {
    return this.read(taskRequest(task, input));
  }

  private read<R>(request: object): Promise<R> {
    return this.threads.call(request);
  }

  close(): Promise<void> {
    return this.threads.close();
  }
}

/**
 * The SQLite engine: a write connection whose transactions run one at a time (BEGIN IMMEDIATE, so
 * another process's writer is waited for up front, up to the busy timeout), and a read-only connection
 * for everything else, so a read never sees a transaction that is still open and may roll back.
 *
 * Opened `withThreads` (the server's database, db/connection.ts), it also has a writer thread with a
 * write connection of its own, for the tasks it is given (the ingest group commit), and reader threads
 * for long reads: neither holds up the event loop. The writer thread's tasks take their turn with the
 * transactions of the main write connection, so this process never waits on SQLite's lock for itself.
 */
export class SqliteDb implements Db {
  readonly engine = 'sqlite' as const;
  readonly inTransaction = false as const;
  readonly all!: Reader['all'];
  readonly get!: Reader['get'];
  readonly longReads: LongReader;
  private readonly writes: Statements;
  private readonly writerThread?: WorkerThread;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly location: string,
    private readonly writer: Sqlite,
    private readonly readerConnection: Sqlite,
    threads: { autoCheckpointPages?: number; busyTimeoutMs?: number } | null,
  ) {
    this.writes = new Statements(writer);
    Object.assign(this, reader(new Statements(readerConnection)));
    this.longReads = threads ? new ReaderPool(location, threads.busyTimeoutMs) : this;
    if (threads) this.writerThread = new WorkerThread(WorkerThread.entryPath('sqlite-writer-worker.ts'), { file: location, ...threads }, WRITER_HEAP);
  }

  /**
   * Opens (creating if need be) the file with the spec's PRAGMAs on both connections;
   * `autoCheckpointPages` overrides SQLite's automatic checkpoint threshold (1000 pages), on the
   * writer thread's connection too. The threads start with their first request.
   */
  static open(file: string, options: { autoCheckpointPages?: number; withThreads?: boolean; busyTimeoutMs?: number } = {}): SqliteDb {
    const { busyTimeoutMs } = options;
    const writer = openDatabase(file, { busyTimeoutMs });
    if (options.autoCheckpointPages !== undefined) setAutoCheckpoint(writer, options.autoCheckpointPages);
    const threads = options.withThreads ? { autoCheckpointPages: options.autoCheckpointPages, busyTimeoutMs } : null;
    return new SqliteDb(file, writer, openDatabase(file, { readonly: true, busyTimeoutMs }), threads);
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.inTurn(() => this.runTransaction(fn));
  }

  runTask<I, R>(task: ThreadTask<I, R>, input: I): Promise<R> {
    const thread = this.writerThread;
    if (!thread) return task.run(this, input);
    const request = taskRequest(task, input);
    return this.inTurn(() => thread.call<R>(request));
  }

  /** Runs `fn` on the write connection between transactions (a WAL checkpoint cannot run inside one). */
  betweenTransactions<T>(fn: (connection: Sqlite) => T): Promise<T> {
    return this.inTurn(async () => fn(this.writer));
  }

  /** Queues work for the write connection: one transaction (or maintenance step) at a time. */
  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async runTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const writes = this.writes;
    let open = true;
    const ensureOpen = () => {
      if (!open) throw new Error('statement after the end of its transaction (an un-awaited call inside writeTransaction?)');
    };
    const read = reader(writes);
    const tx: Tx = {
      engine: 'sqlite',
      location: this.location,
      inTransaction: true,
      all: (sql, params) => (ensureOpen(), read.all(sql, params)),
      get: (sql, params) => (ensureOpen(), read.get(sql, params)),
      run: async (sql, params = []) => (ensureOpen(), writes.get(sql).run(...params).changes),
      exec: async (script) => (ensureOpen(), void this.writer.exec(script)),
      iterate: <R>(sql: string, params: Params = []) => {
        ensureOpen();
        const rows = writes.get(sql).iterate(...params) as IterableIterator<R>;
        return (async function* () {
          yield* rows;
        })();
      },
    };
    this.writer.exec('BEGIN IMMEDIATE');
    try {
      const value = await fn(tx);
      this.writer.exec('COMMIT');
      return value;
    } catch (error) {
      if (this.writer.inTransaction) this.writer.exec('ROLLBACK');
      throw error;
    } finally {
      open = false;
    }
  }

  async close(): Promise<void> {
    await this.queue;
    await this.writerThread?.close();
    if (this.longReads instanceof ReaderPool) await this.longReads.close();
    this.readerConnection.close();
    this.writer.close();
  }
}
