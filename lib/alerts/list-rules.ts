import type { Reader } from '../../db/client';
import { listAlertRuleRows, type AlertRuleRow } from '../../db/queries/alerts';

/** Every alert rule, oldest first, with what its last evaluation found. */
export function listAlertRules(db: Reader): Promise<AlertRuleRow[]> {
  return listAlertRuleRows(db);
}
