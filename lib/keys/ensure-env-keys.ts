import { writeTransaction, type Db } from '../../db/client';
import { findApiKeyByHash, insertApiKey } from '../../db/queries/api-keys';
import { lockForTransaction } from '../../db/queries/locks';
import { recordAudit } from '../audit/record';
import { config } from '../config/config';
import { UserError } from '../errors';
import { hashApiKey, visiblePrefix } from './generate';
import { auditSnapshot, auditTarget } from './snapshot';
import { serviceNameSchema } from './validation';

export const ENV_KEY_PATTERN = /^METRICS_API_KEY_(.+)$/;

export interface EnsuredKey {
  variable: string;
  service: string;
  created: boolean;
  /** Shorter than WEAK_KEY_LENGTH: guessable enough that start-up warns about it. */
  weak: boolean;
}

/** Generated keys carry 256 random bits in 43 characters; an operator's own key under 32 characters is flagged. */
export const WEAK_KEY_LENGTH = 32;

/** `METRICS_API_KEY_AUTH_SERVER` -> `auth-server`, as the old deployment named services. */
export function serviceOfVariable(suffix: string): string {
  return suffix.toLowerCase().replace(/_/g, '-');
}

/**
 * For each `METRICS_API_KEY_<SUFFIX>=<key>` makes sure the key exists (service `<suffix>` lower-cased,
 * `_` -> `-`, rate limit METRICS_RATE_LIMIT). An existing key is left as it is, so a revocation made since sticks.
 */
export async function ensureEnvKeys(db: Db, env: Record<string, string | undefined>, actor: string): Promise<EnsuredKey[]> {
  const wanted = Object.entries(env).flatMap(([variable, key]) => {
    const match = ENV_KEY_PATTERN.exec(variable);
    if (!match || !key) return [];
    const service = serviceNameSchema.safeParse(serviceOfVariable(match[1]!));
    if (!service.success)
      throw new UserError(`${variable}: "${serviceOfVariable(match[1]!)}" is not a valid service name (${service.error.issues[0]!.message})`);
    if (key.trim() !== key || key.length < 16) throw new UserError(`${variable}: an API key must be at least 16 characters without surrounding spaces`);
    return [{ variable, service: service.data, key }];
  });
  return writeTransaction(db, async (tx) => {
    // Instances starting together on one database with the same keys: one inserts them, the others find them.
    await lockForTransaction(tx, 'env-keys');
    const ensured: EnsuredKey[] = [];
    for (const { variable, service, key } of wanted) {
      const keyHash = hashApiKey(key);
      const created = !(await findApiKeyByHash(tx, keyHash));
      if (created) {
        const record = await insertApiKey(tx, {
          keyHash,
          keyPrefix: visiblePrefix(key),
          serviceName: service,
          description: `from environment variable ${variable}`,
          isAdmin: false,
          rateLimit: config().keys.defaultRateLimit,
          dailyUsageLimit: null,
          monthlyUsageLimit: null,
          allowedServices: null,
        });
        await recordAudit(tx, { actor, action: 'api_key.create', target: auditTarget(record), after: auditSnapshot(record) });
      }
      ensured.push({ variable, service, created, weak: key.length < WEAK_KEY_LENGTH });
    }
    return ensured;
  });
}
