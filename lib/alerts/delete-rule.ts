import { writeTransaction, type Db } from '../../db/client';
import { deleteAlertRuleRow, insertAlertEventRow } from '../../db/queries/alerts';
import { recordAudit } from '../audit/record';
import { ruleEvent } from './events';
import { findAlertRule } from './find-rule';
import { auditSnapshot, auditTarget } from './snapshot';

/**
 * Deletes a rule; its history stays (each event keeps its own copy of the rule). A firing rule gets a
 * "resolved" event first, which the next evaluation delivers.
 */
export async function deleteAlertRule(db: Db, id: number, actor: string): Promise<void> {
  await writeTransaction(db, async (tx) => {
    const rule = await findAlertRule(tx, id);
    if (rule.state === 'firing') await insertAlertEventRow(tx, ruleEvent(rule, 'resolved', null, 'rule deleted', new Date().toISOString()));
    await deleteAlertRuleRow(tx, id);
    await recordAudit(tx, { actor, action: 'alert_rule.delete', target: auditTarget(rule), before: auditSnapshot(rule) });
  });
}
