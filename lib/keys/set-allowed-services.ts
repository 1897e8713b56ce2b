import type { Db } from '../../db/client';
import { findApiKeyById, updateApiKeyServices, type ApiKeyRecord } from '../../db/queries/api-keys';
import { recordAudit } from '../audit/record';
import { parseInput } from '../validation';
import { changeKey } from './known-keys';
import { resolveKey } from './resolve';
import { auditSnapshot, auditTarget } from './snapshot';
import { allowedServicesSchema, type KeyRef } from './validation';

/**
 * Limits the services a key may write metrics for (null: any). POST /metrics then rejects, metric by
 * metric, what the key sends for another service; this process's next request sees the change, another's within a second.
 */
export async function setAllowedServices(db: Db, ref: KeyRef, services: readonly string[] | null, actor: string): Promise<ApiKeyRecord> {
  const allowed = parseInput(allowedServicesSchema, services);
  return changeKey(db, async (tx) => {
    const before = await resolveKey(tx, ref);
    await updateApiKeyServices(tx, before.id, allowed);
    const after = (await findApiKeyById(tx, before.id))!;
    await recordAudit(tx, {
      actor,
      action: 'api_key.set_services',
      target: auditTarget(after),
      before: auditSnapshot(before),
      after: auditSnapshot(after),
    });
    return after;
  });
}
