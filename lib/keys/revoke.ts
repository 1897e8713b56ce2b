import type { Db } from '../../db/client';
import type { ApiKeyRecord } from '../../db/queries/api-keys';
import { setActive } from './set-active';
import type { KeyRef } from './validation';

/** Deactivates a key: requests with it get 401 "API key is inactive" from the next one on (elsewhere within a second: known-keys.ts). */
export function revokeApiKey(db: Db, ref: KeyRef, actor: string): Promise<ApiKeyRecord> {
  return setActive(db, ref, false, actor);
}
