import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parentPort, Worker } from 'node:worker_threads';
import type { Reader, ThreadTask } from './client';

/**
 * A worker thread of a database engine (db/sqlite-writer-worker.ts, db/sqlite-reader-worker.ts,
 * db/postgres-reader-worker.ts): the entry is TypeScript, compiled by tsx in the thread (the server itself
 * runs from Next's bundle, which holds no worker entries), and found from the working directory, the
 * project's as for migrations/. Each request settles its caller's promise with the thread's answer.
 */
export class WorkerThread {
  private worker?: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(
    private readonly entry: string,
    private readonly workerData: Record<string, unknown>,
    private readonly heap: ThreadHeap,
  ) {}

  /** The path of a worker entry beside this file, in the project's db/ folder. */
  static entryPath(file: string): string {
    return path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'db', file);
  }

  /** Requests sent and not answered yet. */
  get inFlight(): number {
    return this.pending.size;
  }

  call<R>(request: object): Promise<R> {
    const worker = (this.worker ??= this.start());
    const id = ++this.nextId;
    let settle!: Pick<Pending, 'resolve' | 'reject'>;
    const answer = new Promise<R>((resolve, reject) => (settle = { resolve: resolve as (value: unknown) => void, reject }));
    this.pending.set(id, { ...settle, answer });
    // Kept alive only while it has work: an idle thread never holds the process open.
    worker.ref();
    try {
      worker.postMessage({ id, request });
    } catch (error) {
      this.take(worker, id)?.reject(error as Error);
    }
    return answer;
  }

  /** Ends the thread once its requests are answered. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    await Promise.allSettled([...this.pending.values()].map((p) => p.answer));
    this.worker = undefined;
    await worker.terminate();
  }

  /** A request's entry, no longer pending. */
  private take(worker: Worker, id: number): Pending | undefined {
    const waiting = this.pending.get(id);
    this.pending.delete(id);
    if (!this.pending.size) worker.unref();
    return waiting;
  }

  private start(): Worker {
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { ...this.workerData, entry: this.entry },
      // A thread holds a group of requests or a page of rows at a time: a bounded heap makes V8 collect
      // rather than grow (as cli/serve.ts bounds the server's young generation) and keeps RSS down.
      resourceLimits: { maxYoungGenerationSizeMb: this.heap.youngMb, maxOldGenerationSizeMb: this.heap.oldMb },
    });
    worker.unref();
    worker.on('message', ({ id, value, error }: Answer) => {
      const waiting = this.take(worker, id);
      if (error) waiting?.reject(errorOf(error));
      else waiting?.resolve(value);
    });
    const fail = (error: Error) => {
      // A thread that died (it threw outside a request, or ran out of memory) is started anew by the next request.
      if (this.worker === worker) this.worker = undefined;
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`SQLite worker thread ${path.basename(this.entry)} exited with code ${code}`)));
    return worker;
  }
}

/** Requests spread over threads, each to the one with the fewest in flight. */
export class ThreadPool {
  private readonly threads: WorkerThread[];

  constructor(count: number, start: () => WorkerThread) {
    this.threads = Array.from({ length: count }, start);
  }

  call<R>(request: object): Promise<R> {
    const idlest = this.threads.reduce((best, thread) => (thread.inFlight < best.inFlight ? thread : best));
    return idlest.call(request);
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.close()));
  }
}

/** Reader threads of a server's database: enough that one slow read (a 90-day overview, an export) leaves another for the rest. */
export const READER_THREADS = 2;

/** A thread's heap (MB): its young generation, where objects start, and its old one. */
export interface ThreadHeap {
  youngMb: number;
  oldMb: number;
}

/**
 * A reader thread's heap: a page of 1,000 rows parses to ~2 MB, the overview keeps up to 16 MB of sums
 * (bucket-sums.ts). A 24 h overview loaded again on PostgreSQL took 17-19 ms p50 on the main thread and
 * 24-27 ms in a reader thread of 8 / 32 MB (it promoted what a view holds and collected its old generation
 * every few views), 20-22 ms at 24 / 64 MB; 7 d lines per tool through the threads went from 58 to 49 ms on
 * SQLite and from 61 to 47 on PostgreSQL (bench:dashboard's event-loop table), bench:ingest's peak RSS
 * stayed the same (314 vs 315 MB). An old generation of 32 MB under a larger young one was pathological (55 ms).
 */
export const READER_HEAP: ThreadHeap = { youngMb: 24, oldMb: 64 };

/** Below the server's own threads (0); 19 is the lowest. */
const READER_NICE = 10;

/**
 * Ingestion comes first: on a busy machine a reader thread gets the CPU the event loop and the writer thread
 * leave (Linux gives the calling thread alone a nice value). In bench:ingest's mixed load a 90-day explorer
 * export at the default priority took a core of its own and cut ingestion to ~40%.
 */
export const yieldToServer = () => os.setPriority(READER_NICE);

/** tsx compiles the TypeScript entry and what it imports, in the thread. */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
require('tsx/cjs/api').register();
require(workerData.entry);
`;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  answer: Promise<unknown>;
}

interface WireError {
  name: string;
  message: string;
  code?: string;
  stack?: string;
}
interface Answer {
  id: number;
  value?: unknown;
  error?: WireError;
}

/** The thread's error as the caller's (better-sqlite3's `code`, e.g. SQLITE_CONSTRAINT_FOREIGNKEY, kept). */
function errorOf(wire: WireError): Error {
  const error = Object.assign(new Error(wire.message), { code: wire.code });
  error.name = wire.name;
  error.stack = wire.stack;
  return error;
}

/** A ThreadTask as a thread is sent it. */
export interface TaskRequest {
  module: string;
  name: string;
  wire: string;
}

export const taskRequest = <I, R, H extends Reader>(task: ThreadTask<I, R, H>, input: I): TaskRequest => ({
  module: task.module,
  name: task.name,
  wire: task.encode(input),
});

/**
 * The thread's side of a task: its module's export, called with this thread's handle and the wire
 * input. Task modules are found by path at run time: db/ knows no verb, the caller names the one to run.
 */
export function runTaskRequest<H>(handle: H, { module, name, wire }: TaskRequest): Promise<unknown> {
  const task = (createRequire(__filename)(module) as Record<string, (handle: H, wire: string) => Promise<unknown>>)[name];
  if (typeof task !== 'function') throw new Error(`${module} exports no task "${name}"`);
  return task(handle, wire);
}

function transferables(value: unknown): ArrayBuffer[] {
  if (!value || typeof value !== 'object') return [];
  return Object.values(value).flatMap((field) =>
    field instanceof Uint8Array && field.buffer instanceof ArrayBuffer && field.byteOffset === 0 && field.byteLength === field.buffer.byteLength
      ? [field.buffer]
      : [],
  );
}

/** The thread's side: answers each request with `handle`'s result, or the error it threw. */
export function serveRequests(handle: (request: never) => Promise<unknown>): void {
  const port = parentPort!;
  port.on('message', ({ id, request }: { id: number; request: never }) => {
    Promise.resolve()
      .then(() => handle(request))
      .then(
        // Bytes a task returns (a page of an export, already encoded) are handed over, not copied.
        (value) => port.postMessage({ id, value }, transferables(value)),
        (thrown: unknown) => {
          const error = thrown instanceof Error ? thrown : new Error(String(thrown));
          port.postMessage({ id, error: { name: error.name, message: error.message, code: (error as { code?: string }).code, stack: error.stack } });
        },
      );
  });
}
