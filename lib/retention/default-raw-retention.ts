import type { Db } from '../../db/client';
import { getRetentionPolicies } from './get-policies';
import type { RetentionTable } from './tables';
import { updateRetentionPolicy } from './update-policy';

/** The raw metric tables: what METRICS_RETENTION_DAYS (the old service's setting) sets for a new database. */
export const RAW_METRIC_TABLES = ['metrics', 'auth_metrics', 'discovery_metrics', 'tool_metrics'] as const satisfies readonly RetentionTable[];

/** Sets the raw tables' retention to `days` where it differs (each change audited); returns the tables changed. */
export async function setRawRetentionDays(db: Db, days: number, actor: string): Promise<string[]> {
  const current = new Map((await getRetentionPolicies(db)).map((policy) => [policy.table, policy.retentionDays]));
  const changed = RAW_METRIC_TABLES.filter((table) => current.get(table) !== days);
  for (const table of changed) await updateRetentionPolicy(db, { table, retentionDays: days }, actor);
  return changed;
}
