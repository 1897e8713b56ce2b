import type { AlertRuleRow } from '../../db/queries/alerts';
import { redactedWebhookUrl } from './conditions';

/** What the audit log keeps of a rule: its settings, the webhook URL cut to its origin (its path may carry a token). */
export function auditSnapshot(rule: AlertRuleRow) {
  return {
    name: rule.name,
    service: rule.service,
    metricType: rule.metricType,
    condition: rule.condition,
    threshold: rule.threshold,
    windowMinutes: rule.windowMinutes,
    webhook: redactedWebhookUrl(rule.webhookUrl),
    enabled: rule.enabled,
  };
}

export const auditTarget = (rule: AlertRuleRow) => `alert_rule:${rule.id}`;
