import type { Sqlite } from '../../db/connection';
import type { ApiKeyRecord } from '../../db/queries/api-keys';
import { setActive } from './set-active';
import type { KeyRef } from './validation';

/** Deactivates a key: requests with it get 401 "API key is inactive" from the next one on. */
export function revokeApiKey(db: Sqlite, ref: KeyRef, actor: string): ApiKeyRecord {
  return setActive(db, ref, false, actor);
}
