import type { Reader } from '../../db/client';
import { findApiKeyById, findApiKeysByPrefix, type ApiKeyRecord } from '../../db/queries/api-keys';
import { UserError } from '../errors';
import { parseInput } from '../validation';
import { keyRefSchema, type KeyRef } from './validation';

/** The one key named by an id (number or digits) or by the start of its visible prefix. */
export async function resolveKey(db: Reader, ref: KeyRef): Promise<ApiKeyRecord> {
  const parsed = parseInput(keyRefSchema, ref);
  const id = typeof parsed === 'number' ? parsed : /^\d+$/.test(parsed) ? Number(parsed) : undefined;
  if (id !== undefined) {
    const key = await findApiKeyById(db, id);
    if (!key) throw new UserError(`no API key with id ${id}`, 404);
    return key;
  }
  const matches = await findApiKeysByPrefix(db, parsed as string);
  if (matches.length === 0) throw new UserError(`no API key with prefix "${parsed}"`, 404);
  if (matches.length > 1) throw new UserError(`prefix "${parsed}" matches ${matches.length} keys (ids ${matches.map((k) => k.id).join(', ')}); use an id`, 409);
  return matches[0]!;
}
