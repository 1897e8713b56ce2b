import { processWide } from '../process-wide';

/**
 * A per-key token bucket in this process's memory: capacity `limit` tokens, refilled at `limit` per
 * minute. The limit is passed in on every call (read from the key's row), so a change applies at
 * once: the tokens already used in the window count against the new capacity (raising 2 -> 1000
 * after 2 requests leaves 998; lowering 100 -> 2 after 1 request leaves 1).
 */
interface Bucket {
  tokens: number;
  limit: number;
  at: number;
}

const buckets = () => processWide('rate-limit-buckets', () => new Map<string, Bucket>());

export interface BucketState {
  limit: number;
  /** Whole tokens left. */
  remaining: number;
  /** Seconds until one more token (0 if one is there). */
  retryAfterSeconds: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
}

function refill(keyHash: string, limit: number, now: number): Bucket {
  const perMs = limit / 60_000;
  let bucket = buckets().get(keyHash);
  if (!bucket) buckets().set(keyHash, (bucket = { tokens: limit, limit, at: now }));
  if (bucket.limit !== limit) {
    bucket.tokens = Math.max(0, limit - (bucket.limit - bucket.tokens));
    bucket.limit = limit;
  }
  bucket.tokens = Math.min(limit, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
  bucket.at = now;
  return bucket;
}

function describe(bucket: Bucket, limit: number): BucketState {
  const perSecond = limit / 60;
  return {
    limit,
    remaining: Math.floor(bucket.tokens),
    retryAfterSeconds: bucket.tokens >= 1 ? 0 : Math.ceil((1 - bucket.tokens) / perSecond),
    resetSeconds: Math.ceil((limit - bucket.tokens) / perSecond),
  };
}

/** Takes a token if there is one. */
export function takeToken(keyHash: string, limit: number, now: number = Date.now()): { allowed: boolean } & BucketState {
  const bucket = refill(keyHash, limit, now);
  const allowed = bucket.tokens >= 1;
  if (allowed) bucket.tokens -= 1;
  return { allowed, ...describe(bucket, limit) };
}

/** The bucket's state without taking anything (GET /rate-limit). */
export function peekTokens(keyHash: string, limit: number, now: number = Date.now()): BucketState {
  return describe(refill(keyHash, limit, now), limit);
}
