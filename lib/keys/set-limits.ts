import type { Db } from '../../db/client';
import { findApiKeyById, updateApiKeyLimits, type ApiKeyRecord } from '../../db/queries/api-keys';
import { recordAudit } from '../audit/record';
import { parseInput } from '../validation';
import { changeKey } from './known-keys';
import { resolveKey } from './resolve';
import { auditSnapshot, auditTarget } from './snapshot';
import { keyLimitsSchema, type KeyLimitsInput, type KeyRef } from './validation';

/** Changes a key's limits: from this process's next request on, and within a second elsewhere (known-keys.ts). */
export async function setKeyLimits(db: Db, ref: KeyRef, input: KeyLimitsInput, actor: string): Promise<ApiKeyRecord> {
  const limits = parseInput(keyLimitsSchema, input);
  return changeKey(db, async (tx) => {
    const before = await resolveKey(tx, ref);
    await updateApiKeyLimits(tx, before.id, {
      rateLimit: limits.rateLimit ?? before.rateLimit,
      dailyUsageLimit: limits.dailyUsageLimit === undefined ? before.dailyUsageLimit : limits.dailyUsageLimit,
      monthlyUsageLimit: limits.monthlyUsageLimit === undefined ? before.monthlyUsageLimit : limits.monthlyUsageLimit,
    });
    const after = (await findApiKeyById(tx, before.id))!;
    await recordAudit(tx, { actor, action: 'api_key.set_limits', target: auditTarget(after), before: auditSnapshot(before), after: auditSnapshot(after) });
    return after;
  });
}
