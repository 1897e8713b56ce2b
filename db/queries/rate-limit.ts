import { writeTransaction, type Db, type Tx } from '../client';

/**
 * Token buckets: capacity `limit` tokens, refilled at `limit` per minute. The limit is passed in on
 * every call (read from the key's row), so a change applies at once: the tokens already used in the
 * window count against the new capacity (raising 2 -> 1000 after 2 requests leaves 998; lowering
 * 100 -> 2 after 1 request leaves 1).
 *
 * Where the buckets live depends on the engine: SQLite is served by one server process, which keeps
 * them in its memory (no write per request); on PostgreSQL every server of the database shares them,
 * as rows each request updates in one statement, so a key limited to 10/min gets 10 in all.
 */
export interface BucketState {
  limit: number;
  /** Whole tokens left. */
  remaining: number;
  /** Seconds until one more token (0 if one is there). */
  retryAfterSeconds: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
}

interface Bucket {
  tokens: number;
  limit: number;
  at: number;
}

const MEMORY = Symbol.for('mcp-metrics.rate-limit-buckets');
const memoryBuckets = (db: Db): Map<string, Bucket> => {
  const holder = globalThis as { [MEMORY]?: Map<string, Map<string, Bucket>> };
  const all = (holder[MEMORY] ??= new Map());
  let buckets = all.get(db.location);
  if (!buckets) all.set(db.location, (buckets = new Map()));
  return buckets;
};

function refill(buckets: Map<string, Bucket>, id: string, limit: number, now: number): Bucket {
  let bucket = buckets.get(id);
  if (!bucket) buckets.set(id, (bucket = { tokens: limit, limit, at: now }));
  if (bucket.limit !== limit) {
    bucket.tokens = Math.max(0, limit - (bucket.limit - bucket.tokens));
    bucket.limit = limit;
  }
  bucket.tokens = Math.min(limit, bucket.tokens + (Math.max(0, now - bucket.at) * limit) / 60_000);
  bucket.at = now;
  return bucket;
}

function describe(tokens: number, limit: number): BucketState {
  const perSecond = limit / 60;
  return {
    limit,
    remaining: Math.floor(tokens),
    retryAfterSeconds: tokens >= 1 ? 0 : Math.ceil((1 - tokens) / perSecond),
    resetSeconds: Math.ceil((limit - tokens) / perSecond),
  };
}

// PostgreSQL: the same arithmetic as refill(), on the stored row, in SQL. `?` 1: the limit, 2: now (epoch ms).
const REFILLED = `LEAST(?::float8, GREATEST(0, ?::float8 - (b.capacity - b.tokens)) + GREATEST(0, ?::float8 - b.refilled_ms) * ?::float8 / 60000)`;

async function takeStoredToken(tx: Tx, id: string, limit: number, now: number): Promise<{ tokens: number; allowed: boolean }> {
  const refilled = [limit, limit, now, limit];
  const row = await tx.get<{ tokens: number; allowed: boolean }>(
    `INSERT INTO rate_limit_buckets AS b (bucket, capacity, tokens, refilled_ms, allowed) VALUES (?, ?, ? - 1, ?, true)
     ON CONFLICT (bucket) DO UPDATE SET
       tokens = CASE WHEN ${REFILLED} >= 1 THEN ${REFILLED} - 1 ELSE ${REFILLED} END,
       allowed = ${REFILLED} >= 1, capacity = excluded.capacity, refilled_ms = excluded.refilled_ms
     RETURNING tokens, allowed`,
    [id, limit, limit, now, ...refilled, ...refilled, ...refilled, ...refilled],
  );
  return row!;
}

/** Takes a token from bucket `id` if there is one. */
export async function takeToken(db: Db, id: string, limit: number, now: number = Date.now()): Promise<{ allowed: boolean } & BucketState> {
  if (db.engine === 'sqlite') {
    const bucket = refill(memoryBuckets(db), id, limit, now);
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    return { allowed, ...describe(bucket.tokens, limit) };
  }
  const { tokens, allowed } = await writeTransaction(db, (tx) => takeStoredToken(tx, id, limit, now));
  return { allowed, ...describe(tokens, limit) };
}

/** The bucket's state without taking anything (GET /rate-limit). */
export async function peekTokens(db: Db, id: string, limit: number, now: number = Date.now()): Promise<BucketState> {
  if (db.engine === 'sqlite') return describe(refill(memoryBuckets(db), id, limit, now).tokens, limit);
  const row = await db.get<{ tokens: number }>(`SELECT ${REFILLED} AS tokens FROM rate_limit_buckets AS b WHERE bucket = ?`, [limit, limit, now, limit, id]);
  return describe(row?.tokens ?? limit, limit);
}
