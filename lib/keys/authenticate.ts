import type { Reader } from '../../db/client';
import type { ApiKeyRecord } from '../../db/queries/api-keys';
import { UserError } from '../errors';
import { hashApiKey } from './generate';
import { knownKey } from './known-keys';

export const API_KEY_HEADER = 'X-API-Key';

export const KEY_MESSAGES = {
  missing: 'API key required in X-API-Key header',
  unknown: 'Invalid API key',
  inactive: 'API key is inactive',
  notAdmin: 'This endpoint requires an admin API key',
} as const;

export type KeyLookup = { status: 'missing' } | { status: 'unknown' } | { status: 'inactive'; key: ApiKeyRecord } | { status: 'active'; key: ApiKeyRecord };

/**
 * Resolves an `X-API-Key` header value by its sha256 (knownKey: read at most a second ago, and afresh
 * after this process changes a key, so a revocation or a limit change applies to the next request).
 */
export async function lookupApiKey(db: Reader, header: string | null | undefined): Promise<KeyLookup> {
  if (!header) return { status: 'missing' };
  const key = await knownKey(db, hashApiKey(header));
  if (!key) return { status: 'unknown' };
  return key.isActive ? { status: 'active', key } : { status: 'inactive', key };
}

/** The active key of an `X-API-Key` header, or a 401 UserError with the wire contract's detail. */
export async function authenticateApiKey(db: Reader, header: string | null | undefined): Promise<ApiKeyRecord> {
  const found = await lookupApiKey(db, header);
  if (found.status !== 'active') throw new UserError(KEY_MESSAGES[found.status], 401);
  return found.key;
}

/** As authenticateApiKey, and 403 unless the key has the admin-API flag (`keys -- create --admin`). */
export async function requireAdminKey(db: Reader, header: string | null | undefined): Promise<ApiKeyRecord> {
  const key = await authenticateApiKey(db, header);
  if (!key.isAdmin) throw new UserError(KEY_MESSAGES.notAdmin, 403);
  return key;
}
