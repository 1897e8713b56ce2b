import { writeTransaction, type Db } from '../../db/client';
import { findAlertRuleRow, insertAlertEventRow, updateAlertRuleRow, type AlertRuleFields, type AlertRuleRow } from '../../db/queries/alerts';
import { recordAudit } from '../audit/record';
import { parseInput } from '../validation';
import { ruleEvent } from './events';
import { findAlertRule } from './find-rule';
import { auditSnapshot, auditTarget } from './snapshot';
import { alertRuleChangesSchema, alertRuleSchema, type AlertRuleChanges } from './validation';

/** The fields that decide whether a rule fires: changing one makes the last evaluation's finding moot. */
const WATCHED = ['service', 'metricType', 'condition', 'threshold', 'windowMinutes'] as const;

const fieldsOf = ({ name, service, metricType, condition, threshold, windowMinutes, webhookUrl, enabled }: AlertRuleRow): AlertRuleFields => ({
  name,
  service,
  metricType,
  condition,
  threshold,
  windowMinutes,
  webhookUrl,
  enabled,
});

/**
 * Changes the fields given (the others keep their values). A change of what the rule watches, or
 * disabling it, starts its state over; a firing rule then also gets a "resolved" event, so that whoever
 * was notified of the firing hears it ended (the next evaluation delivers it). Renaming it or moving its
 * webhook keeps its state. Saving a rule unchanged changes nothing and writes no audit row.
 */
export async function updateAlertRule(db: Db, id: number, changes: AlertRuleChanges, actor: string): Promise<AlertRuleRow> {
  const given = parseInput(alertRuleChangesSchema, changes);
  return writeTransaction(db, async (tx) => {
    const before = await findAlertRule(tx, id);
    const defined = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
    const fields = parseInput(alertRuleSchema, { ...fieldsOf(before), ...defined });
    const current = fieldsOf(before);
    if ((Object.keys(fields) as (keyof AlertRuleFields)[]).every((field) => fields[field] === current[field])) return before;
    const now = new Date().toISOString();
    const restart = (before.enabled && !fields.enabled) || WATCHED.some((field) => fields[field] !== before[field]);
    if (restart && before.state === 'firing') {
      await insertAlertEventRow(tx, ruleEvent(before, 'resolved', null, fields.enabled ? 'rule changed' : 'rule disabled', now));
    }
    await updateAlertRuleRow(tx, id, fields, restart ? { state: 'ok', stateSince: now, lastValue: null } : before, now);
    const after = (await findAlertRuleRow(tx, id))!;
    await recordAudit(tx, { actor, action: 'alert_rule.update', target: auditTarget(after), before: auditSnapshot(before), after: auditSnapshot(after) });
    return after;
  });
}
