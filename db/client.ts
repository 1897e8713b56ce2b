/**
 * The one handle every verb takes: `(db, input)`. It reads outside any transaction and writes only
 * inside `writeTransaction`, so a write can never land half-done or outside its transaction, and the
 * engine behind it (the SQLite file today) is nobody's business above db/.
 */
export type Engine = 'sqlite' | 'postgres';

/** Positional parameters for the `?` placeholders of a statement. */
export type Params = readonly unknown[];

/** Runs reads: on the database (each statement its own snapshot) or inside a transaction. */
export interface Reader {
  readonly engine: Engine;
  /** Where the data lives, for messages, status pages and per-database caches (a file path, never a password). */
  readonly location: string;
  all<R>(sql: string, params?: Params): Promise<R[]>;
  get<R>(sql: string, params?: Params): Promise<R | undefined>;
}

/** An open write transaction: reads see its own writes; nothing is visible to others until commit. */
export interface Tx extends Reader {
  readonly inTransaction: true;
  /** Runs a statement and returns the number of rows it changed. */
  run(sql: string, params?: Params): Promise<number>;
  /** Runs a script of several statements (no parameters). */
  exec(script: string): Promise<void>;
  /** Streams a large result; run no other statement of this transaction until it is consumed. */
  iterate<R>(sql: string, params?: Params): AsyncIterable<R>;
}

/**
 * Work that a Db may run in a thread of its own: SQLite's writer thread (or a reader thread) runs the
 * export `name` of `module` (an absolute path) as `(db, wire)` on that thread's connection, where `wire`
 * is the input encoded to a string (copying one string to a thread costs a fraction of copying the
 * objects it holds). Elsewhere (PostgreSQL, whose server does the work, or a Db opened without
 * threads) `run` does the same work on this thread. `H` is what the work gets: a Db, or a Reader for reads.
 */
export interface ThreadTask<I, R, H extends Reader = Db> {
  module: string;
  name: string;
  encode(input: I): string;
  run(handle: H, input: I): Promise<R>;
}

/** Reads that may take long, and read-only work done next to them (an export's pages turned into CSV there). */
export interface LongReader extends Reader {
  runTask<I, R>(task: ThreadTask<I, R, Reader>, input: I): Promise<R>;
}

export interface Db extends Reader {
  readonly inTransaction: false;
  /**
   * A Reader for reads that may take long (dashboard loads, exports, the admin API): SQLite runs them
   * in a small pool of reader threads, each with a read-only connection, so that a slow one delays
   * only itself and never this process's event loop; PostgreSQL's statements run on its server, and a
   * server's tasks (what the overview adds up, an export's CSV) in reader threads with pools of their own.
   */
  readonly longReads: LongReader;
  /** Runs `task`, off this thread where the engine can, in turn with this process's write transactions. */
  runTask<I, R>(task: ThreadTask<I, R>, input: I): Promise<R>;
  /**
   * Runs `fn` in one write transaction that commits when it resolves and rolls back when it throws.
   * Write transactions of one process run one after the other: keep slow work (hashing, I/O) outside.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * The one way to write: `fn` runs in a write transaction (SQLite: BEGIN IMMEDIATE, so a
 * read-then-write verb waits for the write lock up front instead of failing with SQLITE_BUSY_SNAPSHOT
 * on its first write). Given a transaction already, `fn` joins it, so verbs compose.
 */
export function writeTransaction<T>(db: Db | Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.inTransaction ? fn(db) : db.transaction(fn);
}
