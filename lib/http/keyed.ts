import { getDatabase, type Sqlite } from '../../db/connection';
import type { ApiKeyRecord } from '../../db/queries/api-keys';
import { submitWrites } from '../ingest/group-commit';
import type { PreparedMetric } from '../ingest/rows';
import { KEY_MESSAGES, lookupApiKey, type KeyLookup } from '../keys/authenticate';
import { admitRequest } from '../quota/admit';
import { peekTokens, takeToken, type BucketState } from '../rate-limit/bucket';
import { readBodyText } from './parse';
import { detail, errorResponse } from './respond';

export interface KeyedEndpoint {
  /** As logged in api_key_usage_log.endpoint. */
  path: string;
  /** Takes a rate-limit token (GET /rate-limit only looks). */
  takesToken: boolean;
  /** Counts against the key's daily/monthly limits. */
  countsForQuota: boolean;
}

export interface KeyedContext {
  db: Sqlite;
  key: ApiKeyRecord;
  bucket: BucketState;
  /** The body as text (413 beyond MAX_REQUEST_SIZE); its size is logged as bytes processed. */
  readBody: () => Promise<string>;
}

export interface KeyedResult {
  response: Response;
  /** Metrics to commit with the request's usage entry before the response is sent. */
  metrics?: readonly PreparedMetric[];
}

function rateHeaders(response: Response, bucket: BucketState): Response {
  response.headers.set('X-RateLimit-Limit', String(bucket.limit));
  response.headers.set('X-RateLimit-Remaining', String(bucket.remaining));
  return response;
}

/** Why a known key's request is refused, if it is: inactive key, then rate limit, then daily/monthly limits. */
function refusal(db: Sqlite, active: boolean, key: ApiKeyRecord, endpoint: KeyedEndpoint, taken: ({ allowed: boolean } & BucketState) | null): Response | null {
  if (!active) return detail(401, KEY_MESSAGES.inactive);
  if (taken && !taken.allowed)
    return detail(429, `Rate limit exceeded. Limit: ${key.rateLimit} requests/minute`, { 'Retry-After': String(taken.retryAfterSeconds) });
  if (!endpoint.countsForQuota) return null;
  const quota = admitRequest(db, key);
  return quota.admitted ? null : detail(429, quota.detail, { 'Retry-After': String(quota.retryAfterSeconds) });
}

/**
 * Serves a request that needs an `X-API-Key`: 401 for a missing, unknown or inactive key, 429 for the
 * rate limit and then the daily/monthly limits, otherwise `run`. Every response to a known key
 * carries X-RateLimit-Limit/-Remaining, and its usage entry (plus any metrics) is committed before
 * the response is returned.
 */
export async function serveKeyed(request: Request, endpoint: KeyedEndpoint, run: (context: KeyedContext) => Promise<KeyedResult>): Promise<Response> {
  const started = performance.now();
  let db: Sqlite;
  let found: KeyLookup;
  try {
    db = getDatabase();
    found = lookupApiKey(db, request.headers.get('x-api-key'));
  } catch (error) {
    return errorResponse(error);
  }
  if (found.status === 'missing' || found.status === 'unknown') return detail(401, KEY_MESSAGES[found.status]);
  const key = found.key;
  const active = found.status === 'active';
  const taken = active && endpoint.takesToken ? takeToken(key.keyHash, key.rateLimit) : null;
  const bucket = taken ?? peekTokens(key.keyHash, key.rateLimit);

  let bytes = 0;
  const readBody = async () => {
    const body = await readBodyText(request);
    bytes = body.bytes;
    return body.text;
  };
  let result: KeyedResult;
  try {
    const refused = refusal(db, active, key, endpoint, taken);
    result = refused ? { response: refused } : await run({ db, key, bucket, readBody });
  } catch (error) {
    result = { response: errorResponse(error) };
  }

  const response = rateHeaders(result.response, bucket);
  try {
    await submitWrites({
      metrics: result.metrics ?? [],
      usage: {
        keyHash: key.keyHash,
        serviceName: key.serviceName,
        timestamp: new Date().toISOString(),
        endpoint: endpoint.path,
        bytesProcessed: bytes,
        durationMs: performance.now() - started,
        statusCode: response.status,
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
  return response;
}
