import { writeTransaction, type Db } from '../../db/client';
import { insertApiKey, type ApiKeyRecord } from '../../db/queries/api-keys';
import { recordAudit } from '../audit/record';
import { parseInput } from '../validation';
import { generateApiKey } from './generate';
import { auditSnapshot, auditTarget } from './snapshot';
import { newKeySchema, type NewKeyInput } from './validation';

/** Creates a key and returns its plaintext: the only moment it exists outside the caller's hands. */
export async function createApiKey(db: Db, input: NewKeyInput, actor: string): Promise<{ key: string; record: ApiKeyRecord }> {
  const settings = parseInput(newKeySchema, input);
  const { key, keyHash, keyPrefix } = generateApiKey();
  return writeTransaction(db, async (tx) => {
    const record = await insertApiKey(tx, {
      keyHash,
      keyPrefix,
      serviceName: settings.service,
      description: settings.description,
      isAdmin: settings.isAdmin,
      rateLimit: settings.rateLimit,
      dailyUsageLimit: settings.dailyUsageLimit,
      monthlyUsageLimit: settings.monthlyUsageLimit,
      allowedServices: settings.allowedServices,
    });
    await recordAudit(tx, { actor, action: 'api_key.create', target: auditTarget(record), after: auditSnapshot(record) });
    return { key, record };
  });
}
