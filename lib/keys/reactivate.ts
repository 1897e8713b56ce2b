import type { Sqlite } from '../../db/connection';
import type { ApiKeyRecord } from '../../db/queries/api-keys';
import { setActive } from './set-active';
import type { KeyRef } from './validation';

export function reactivateApiKey(db: Sqlite, ref: KeyRef, actor: string): ApiKeyRecord {
  return setActive(db, ref, true, actor);
}
