import type { Sqlite } from '../../db/connection';
import type { ApiKeyRecord } from '../../db/queries/api_keys';
import { setActive } from './set_active';
import type { KeyRef } from './validation';

export function reactivateApiKey(db: Sqlite, ref: KeyRef, actor: string): ApiKeyRecord {
  return setActive(db, ref, true, actor);
}
