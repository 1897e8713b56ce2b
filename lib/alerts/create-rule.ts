import { writeTransaction, type Db } from '../../db/client';
import { findAlertRuleRow, insertAlertRuleRow, type AlertRuleRow } from '../../db/queries/alerts';
import { recordAudit } from '../audit/record';
import { parseInput } from '../validation';
import { auditSnapshot, auditTarget } from './snapshot';
import { alertRuleSchema, type AlertRuleInput } from './validation';

/** Adds a rule; the next evaluation (within a minute in `npm start`) watches it. */
export async function createAlertRule(db: Db, input: AlertRuleInput, actor: string): Promise<AlertRuleRow> {
  const fields = parseInput(alertRuleSchema, input);
  return writeTransaction(db, async (tx) => {
    const id = await insertAlertRuleRow(tx, fields, new Date().toISOString());
    const rule = (await findAlertRuleRow(tx, id))!;
    await recordAudit(tx, { actor, action: 'alert_rule.create', target: auditTarget(rule), after: auditSnapshot(rule) });
    return rule;
  });
}
