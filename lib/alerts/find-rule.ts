import type { Reader } from '../../db/client';
import { findAlertRuleRow, type AlertRuleRow } from '../../db/queries/alerts';
import { UserError } from '../errors';

/** A rule by its id, or a 404. */
export async function findAlertRule(db: Reader, id: number): Promise<AlertRuleRow> {
  const rule = await findAlertRuleRow(db, id);
  if (!rule) throw new UserError(`no alert rule with id ${id}`, 404);
  return rule;
}
