import type { Db } from '../../db/client';
import type { ApiKeyRecord } from '../../db/queries/api-keys';
import { setActive } from './set-active';
import type { KeyRef } from './validation';

export function reactivateApiKey(db: Db, ref: KeyRef, actor: string): Promise<ApiKeyRecord> {
  return setActive(db, ref, true, actor);
}
