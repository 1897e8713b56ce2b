import type { Statement } from 'better-sqlite3';
import type { Db, Params, Reader, Tx } from './client';
import { openDatabase, setAutoCheckpoint, type Sqlite } from './sqlite-file';

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
 * The SQLite engine: a write connection whose transactions run one at a time (BEGIN IMMEDIATE, so
 * another process's writer is waited for up front, up to the busy timeout), and a read-only connection
 * for everything else, so a read never sees a transaction that is still open and may roll back.
 */
export class SqliteDb implements Db {
  readonly engine = 'sqlite' as const;
  readonly inTransaction = false as const;
  readonly all!: Reader["all"];
  readonly get!: Reader["get"];
  private readonly writes: Statements;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly location: string,
    private readonly writer: Sqlite,
    private readonly readerConnection: Sqlite,
  ) {
    this.writes = new Statements(writer);
    Object.assign(this, reader(new Statements(readerConnection)));
  }

  /**
   * Opens (creating if need be) the file with the spec's PRAGMAs on both connections;
   * `autoCheckpointPages` overrides SQLite's automatic checkpoint threshold (1000 pages).
   */
  static open(file: string, options: { autoCheckpointPages?: number } = {}): SqliteDb {
    const writer = openDatabase(file);
    if (options.autoCheckpointPages !== undefined) setAutoCheckpoint(writer, options.autoCheckpointPages);
    return new SqliteDb(file, writer, openDatabase(file, { readonly: true }));
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.inTurn(() => this.runTransaction(fn));
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
    this.readerConnection.close();
    this.writer.close();
  }
}
