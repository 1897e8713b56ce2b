import type { Db } from '../../db/client';
import type { ApiKeyRecord } from '../../db/queries/api-keys';
import { submitWrites } from '../ingest/group-commit';
import type { PreparedMetric } from '../ingest/rows';
import { KEY_MESSAGES, lookupApiKey } from '../keys/authenticate';
import { admitRequest } from '../quota/admit';
import { peekTokens, takeToken, type BucketState } from '../rate-limit/bucket';
import { detail, errorResponse } from './respond';
import type { Access, IncomingRequest } from './route';

export interface KeyedEndpoint {
  /** As logged in api_key_usage_log.endpoint. */
  path: string;
  /** Takes a rate-limit token (GET /rate-limit only looks). */
  takesToken: boolean;
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

/** Why a known key's request is refused, if it is: inactive key, then rate limit, then daily/monthly limits. */
async function refusal(
  db: Db,
  active: boolean,
  key: ApiKeyRecord,
  endpoint: KeyedEndpoint,
  taken: ({ allowed: boolean } & BucketState) | null,
): Promise<Response | null> {
  if (!active) return detail(401, KEY_MESSAGES.inactive);
  if (taken && !taken.allowed)
    return detail(429, `Rate limit exceeded. Limit: ${key.rateLimit} requests/minute`, { 'Retry-After': String(taken.retryAfterSeconds) });
  if (!endpoint.countsForQuota) return null;
  const quota = await admitRequest(db, key);
  return quota.admitted ? null : detail(429, quota.detail, { 'Retry-After': String(quota.retryAfterSeconds) });
}

async function serveKeyed(incoming: IncomingRequest, endpoint: KeyedEndpoint, handler: (caller: KeyedCaller) => Promise<Response>): Promise<Response> {
  const started = performance.now();
  const { db, request } = incoming;
  const found = await lookupApiKey(db, request.headers.get('x-api-key'));
  if (found.status === 'missing' || found.status === 'unknown') return detail(401, KEY_MESSAGES[found.status]);
  const key = found.key;
  const active = found.status === 'active';
  const taken = active && endpoint.takesToken ? takeToken(key.keyHash, key.rateLimit) : null;
  const bucket = taken ?? peekTokens(key.keyHash, key.rateLimit);

  let staged: readonly PreparedMetric[] = [];
  let response: Response;
  try {
    response = (await refusal(db, active, key, endpoint, taken)) ?? (await handler({ key, bucket, stage: (metrics) => (staged = metrics) }));
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
    },
  });
  return response;
}

/**
 * Access by `X-API-Key`, for the ingestion API: 401 for a missing, unknown or inactive key, 429 for the
 * rate limit and then the daily/monthly limits. Every answer to a known key carries
 * X-RateLimit-Limit/-Remaining, and its usage entry (with any staged metrics) is committed before it
 * is returned.
 */
export function ingestKey(endpoint: KeyedEndpoint): Access<KeyedCaller> {
  return { serve: (incoming, handler) => serveKeyed(incoming, endpoint, handler) };
}
