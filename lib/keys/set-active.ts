import type { Db } from '../../db/client';
import { findApiKeyById, setApiKeyActive, type ApiKeyRecord } from '../../db/queries/api-keys';
import { recordAudit } from '../audit/record';
import { changeKey } from './known-keys';
import { resolveKey } from './resolve';
import { auditSnapshot, auditTarget } from './snapshot';
import type { KeyRef } from './validation';

/** Revoke (deactivate) or reactivate; this process's next request with the key sees the change, another's within a second. Idempotent. */
export async function setActive(db: Db, ref: KeyRef, active: boolean, actor: string): Promise<ApiKeyRecord> {
  return changeKey(db, async (tx) => {
    const before = await resolveKey(tx, ref);
    if (before.isActive === active) return before;
    await setApiKeyActive(tx, before.id, active);
    const after = (await findApiKeyById(tx, before.id))!;
    await recordAudit(tx, {
      actor,
      action: active ? 'api_key.reactivate' : 'api_key.revoke',
      target: auditTarget(after),
      before: auditSnapshot(before),
      after: auditSnapshot(after),
    });
    return after;
  });
}
