import type { AlertEventFields, AlertEventState, AlertRuleRow } from '../../db/queries/alerts';

/** An event of `rule` as it is now: what the notification and the history say of it, whatever happens to the rule later. */
export function ruleEvent(rule: AlertRuleRow, state: AlertEventState, value: number | null, note: string | null, at: string): AlertEventFields {
  return {
    ruleId: rule.id,
    ruleName: rule.name,
    service: rule.service,
    metricType: rule.metricType,
    condition: rule.condition,
    threshold: rule.threshold,
    windowMinutes: rule.windowMinutes,
    webhookUrl: rule.webhookUrl,
    state,
    value,
    note,
    at,
  };
}
