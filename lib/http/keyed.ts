import type { Db } from '../../db/client';
import { peekTokens, takeToken, type BucketState } from '../../db/queries/rate-limit';
import type { ApiKeyRecord } from '../../db/queries/api-keys';
import { submitWrites } from '../ingest/group-commit';
import type { PreparedMetric } from '../ingest/rows';
import { KEY_MESSAGES, lookupApiKey } from '../keys/authenticate';
import { admitRequest } from '../quota/admit';

import { clientAddress } from './client-address';
import { detail, errorResponse } from './respond';
import type { Access, IncomingRequest } from './route';
import { slowDownUnknownKey } from './unknown-key-slowdown';

export interface KeyedEndpoint {
  /** As logged in api_key_usage_log.endpoint. */
  path: string;
  /**
   * The token bucket a request takes from: `ingest` (POST /metrics, /flush) is the key's rate limit;
   * `status` (GET /rate-limit) is a second bucket of the same size, so that polling the limit is
   * itself limited without spending what the key may ingest.
   */
  bucket: 'ingest' | 'status';
  /** Counts against the key's daily/monthly limits. */
  countsForQuota: boolean;
}

/** The caller of an ingest endpoint: its key, its rate-limit bucket, and the metrics its request commits. */
export interface KeyedCaller {
  key: ApiKeyRecord;
  bucket: BucketState;
  /** Metrics to commit with the request's usage entry, before the response is sent. */
  stage(metrics: readonly PreparedMetric[]): void;
}

function rateHeaders(response: Response, bucket: BucketState): Response {
  response.headers.set('X-RateLimit-Limit', String(bucket.limit));
  response.headers.set('X-RateLimit-Remaining', String(bucket.remaining));
  return response;
}

const bucketId = (key: ApiKeyRecord, endpoint: KeyedEndpoint) => (endpoint.bucket === 'ingest' ? key.keyHash : `status:${key.keyHash}`);

/**
 * Why a known key's request is refused, if it is: the rate limit (an inactive key's requests take
 * tokens too, so a revoked client in a loop is throttled like any other), then an inactive key, then
 * the daily/monthly limits.
 */
async function refusal(
  db: Db,
  key: ApiKeyRecord,
  active: boolean,
  endpoint: KeyedEndpoint,
  taken: { allowed: boolean } & BucketState,
): Promise<Response | null> {
  if (!taken.allowed) return detail(429, `Rate limit exceeded. Limit: ${key.rateLimit} requests/minute`, { 'Retry-After': String(taken.retryAfterSeconds) });
  if (!active) return detail(401, KEY_MESSAGES.inactive);
  if (!endpoint.countsForQuota) return null;
  const quota = await admitRequest(db, key);
  return quota.admitted ? null : detail(429, quota.detail, { 'Retry-After': String(quota.retryAfterSeconds) });
}

async function serveKeyed(incoming: IncomingRequest, endpoint: KeyedEndpoint, handler: (caller: KeyedCaller) => Promise<Response>): Promise<Response> {
  const started = performance.now();
  const { db, request } = incoming;
  const found = await lookupApiKey(db, request.headers.get('x-api-key'));
  if (found.status === 'missing' || found.status === 'unknown') {
    await slowDownUnknownKey(clientAddress(request.headers));
    return detail(401, KEY_MESSAGES[found.status]);
  }
  const key = found.key;
  const taken = await takeToken(db, bucketId(key, endpoint), key.rateLimit);
  const bucket = endpoint.bucket === 'ingest' ? taken : await peekTokens(db, key.keyHash, key.rateLimit);

  let staged: readonly PreparedMetric[] = [];
  let response = await refusal(db, key, found.status === 'active', endpoint, taken);
  const refused = response !== null;
  try {
    response ??= await handler({ key, bucket, stage: (metrics) => (staged = metrics) });
  } catch (error) {
    response = errorResponse(error);
    staged = [];
  }
  rateHeaders(response, bucket);
  await submitWrites({
    metrics: staged,
    usage: {
      keyHash: key.keyHash,
      serviceName: key.serviceName,
      timestamp: new Date().toISOString(),
      endpoint: endpoint.path,
      bytesProcessed: incoming.bytes,
      durationMs: performance.now() - started,
      statusCode: response.status,
      refused,
    },
  });
  return response;
}

/**
 * Access by `X-API-Key`, for the ingestion API: 401 for a missing, unknown or inactive key (an address
 * sending unknown keys again and again is answered ever more slowly), 429 for the rate limit and then
 * the daily/monthly limits. Every answer to a known key carries X-RateLimit-Limit/-Remaining, and its
 * usage (with any staged metrics) is committed before it is returned; refused requests are counted per
 * key, minute and status rather than logged one by one, and never count as the key's use.
 */
export function ingestKey(endpoint: KeyedEndpoint): Access<KeyedCaller> {
  return { serve: (incoming, handler) => serveKeyed(incoming, endpoint, handler) };
}
