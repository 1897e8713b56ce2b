import type { Sqlite } from '../../db/connection';
import { findApiKeyById, setApiKeyActive, type ApiKeyRecord } from '../../db/queries/api-keys';
import { recordAudit } from '../audit/record';
import { resolveKey } from './resolve';
import { auditSnapshot, auditTarget } from './snapshot';
import type { KeyRef } from './validation';

/** Revoke (deactivate) or reactivate; the next request with the key sees the change. Idempotent. */
export function setActive(db: Sqlite, ref: KeyRef, active: boolean, actor: string): ApiKeyRecord {
  return db.transaction(() => {
    const before = resolveKey(db, ref);
    if (before.isActive === active) return before;
    setApiKeyActive(db, before.id, active);
    const after = findApiKeyById(db, before.id)!;
    recordAudit(db, {
      actor,
      action: active ? 'api_key.reactivate' : 'api_key.revoke',
      target: auditTarget(after),
      before: auditSnapshot(before),
      after: auditSnapshot(after),
    });
    return after;
  })();
}
