import type { Reader } from '../../db/client';
import { listApiKeyRecords, type ApiKeyRecord } from '../../db/queries/api-keys';

/** Every key, by service then id; records carry the visible prefix and the hash, never a plaintext. */
export function listApiKeys(db: Reader): Promise<ApiKeyRecord[]> {
  return listApiKeyRecords(db);
}
