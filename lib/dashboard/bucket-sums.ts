import type { Reader } from '../../db/client';
import type { BucketSignature } from '../../db/queries/dashboard';
import { groupRows } from './group-rows';

/** The rows a bucket sum adds up: rollup rows of one bucket, with the counts its signature is made of. */
interface CountedRow {
  id: number;
  bucket: string;
  count: number | null;
  successCount: number | null;
  failureCount: number | null;
  durationCount: number | null;
}

/** A read of whole buckets of rollup rows, each bucket's rows added up into a Sum that may be kept. */
export interface BucketRead<Row extends CountedRow, Sum> {
  /** Where the rows come from (a rollup level, a dimension) and their filter: with a bucket key, what names a kept sum. */
  source: string;
  filter: { service?: string; metricTypes?: readonly string[] };
  /** The buckets, in order, and the key of the one after the last. */
  keys: readonly string[];
  afterLast: string;
  rows(first: string, afterLast: string): Promise<Row[]>;
  signatures(): Promise<BucketSignature[]>;
  /** What one bucket's rows add up to, its slots in buffers of its own (keepTallies), and about how many bytes it holds. */
  sum(rows: readonly Row[]): { sum: Sum; bytes: number };
}

interface Kept {
  signature: string;
  sum: unknown;
  bytes: number;
}

interface Cache {
  kept: Map<string, Kept>;
  bytes: number;
  hits: number;
  misses: number;
}

// Per database connection (each SQLite reader thread has its own), the least recently read going first. At
// 10 M metrics (bench:dashboard's data) a 24 h view of every type keeps 6.7 MB (311 buckets), a 7 d view by
// tool 6.7 MB, 7 d by service 4.4 MB: a few views each. All 48 views (ranges x types x splits) in turn through
// the two reader threads, round after round: 2.7 s the first, 1.9 s the next ones, the process at 201 MB RSS.
const BYTE_BUDGET = 16 * 1024 * 1024;
const caches = new WeakMap<Reader, Cache>();

function cacheOf(db: Reader): Cache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = { kept: new Map(), bytes: 0, hits: 0, misses: 0 }));
  return cache;
}

function forget(cache: Cache, id: string): void {
  const old = cache.kept.get(id);
  if (!old) return;
  cache.kept.delete(id);
  cache.bytes -= old.bytes;
}

function keep(cache: Cache, id: string, kept: Kept): void {
  forget(cache, id);
  cache.kept.set(id, kept);
  cache.bytes += kept.bytes;
  for (const oldest of cache.kept.keys()) {
    if (cache.bytes <= BYTE_BUDGET) break;
    forget(cache, oldest);
  }
}

const signatureOf = (s: Omit<BucketSignature, 'bucket'>) => `${s.rows}:${s.requests}:${s.successes}:${s.failures}:${s.durations}:${s.newest}`;

function signatureOfRows(rows: readonly CountedRow[]): string {
  const s = { rows: rows.length, requests: 0, successes: 0, failures: 0, durations: 0, newest: 0 };
  for (const row of rows) {
    s.requests += row.count ?? 0;
    s.successes += row.successCount ?? 0;
    s.failures += row.failureCount ?? 0;
    s.durations += row.durationCount ?? 0;
    s.newest = Math.max(s.newest, row.id);
  }
  return signatureOf(s);
}

/**
 * Each bucket's rows added up, read again only where they changed. A view that refreshes every 10 s, or
 * the next admin opening the same range, asks again for buckets that are long closed: their sums are kept
 * per database connection with the signature of the rows they came from, and a read with sums kept first
 * asks for every bucket's signature (the same index search, its counts summed in SQL, no sketch crossing
 * over), then reads the rows of the buckets whose signature is new, from the first of them to the last.
 * Exact whoever writes: any write into a bucket adds to its counts, wherever it ran (another instance, a
 * late metric for a closed hour), retention removes its rows and a rollup rebuild writes new ones.
 * A sum is kept with the signature of the very rows it adds up (counted here, not the earlier query's), so
 * a write between the two reads only makes the next signature differ and the bucket be read again.
 */
export async function readBucketSums<Row extends CountedRow, Sum>(db: Reader, read: BucketRead<Row, Sum>): Promise<Map<string, Sum>> {
  const cache = cacheOf(db);
  const { source, filter } = read;
  const id = (key: string) => `${source}\u0000${filter.service ?? '*'}\u0000${filter.metricTypes?.join(',') ?? '*'}\u0000${key}`;
  const sums = new Map<string, Sum>();
  let changed: readonly string[] = read.keys;
  if (read.keys.some((key) => cache.kept.has(id(key)))) {
    const signatures = new Map((await read.signatures()).map((s) => [s.bucket, signatureOf(s)]));
    changed = read.keys.filter((key) => {
      const [kept, signature] = [cache.kept.get(id(key)), signatures.get(key)];
      if (signature === undefined) {
        forget(cache, id(key)); // no rows (left)
        return false;
      }
      if (kept?.signature !== signature) return true;
      keep(cache, id(key), kept); // the most recently read is evicted last
      sums.set(key, kept.sum as Sum);
      cache.hits++;
      return false;
    });
  }
  if (changed.length === 0) return sums;
  const last = read.keys.indexOf(changed[changed.length - 1]);
  const byBucket = groupRows(await read.rows(changed[0], read.keys[last + 1] ?? read.afterLast), (row) => row.bucket);
  for (const key of changed) if (!byBucket.has(key)) forget(cache, id(key));
  for (const [key, rows] of byBucket) {
    const { sum, bytes } = read.sum(rows);
    sums.set(key, sum);
    keep(cache, id(key), { signature: signatureOfRows(rows), sum, bytes });
    cache.misses++;
  }
  return sums;
}

/** How often kept sums were used and buckets read, and how many are kept, for this connection. */
export function bucketSumStats(db: Reader): { hits: number; misses: number; kept: number; bytes: number } {
  const { hits, misses, kept, bytes } = cacheOf(db);
  return { hits, misses, kept: kept.size, bytes };
}

/** Drops this connection's kept sums: bench:dashboard times a first view this way. */
export function forgetBucketSums(db: Reader): void {
  caches.delete(db);
}
