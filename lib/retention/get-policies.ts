import type { Reader } from '../../db/client';
import { listPolicyRows } from '../../db/queries/retention';
import { toPolicy, type RetentionPolicy } from './policies';

export type { RetentionPolicy };

export async function getRetentionPolicies(db: Reader): Promise<RetentionPolicy[]> {
  return (await listPolicyRows(db)).map(toPolicy);
}
