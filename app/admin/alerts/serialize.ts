import type { AlertEventRow, AlertRuleRow } from '@/db/queries/alerts';
import type { EvaluationResult } from '@/lib/alerts/evaluate';

export const ruleJson = (r: AlertRuleRow) => ({
  id: r.id,
  name: r.name,
  service: r.service,
  metric_type: r.metricType,
  condition: r.condition,
  threshold: r.threshold,
  window_minutes: r.windowMinutes,
  webhook_url: r.webhookUrl,
  enabled: r.enabled,
  state: r.state,
  state_since: r.stateSince,
  last_value: r.lastValue,
  evaluated_at: r.evaluatedAt,
  created_at: r.createdAt,
  updated_at: r.updatedAt,
});

export const eventJson = (e: AlertEventRow) => ({
  id: e.id,
  rule_id: e.ruleId,
  rule_name: e.ruleName,
  service: e.service,
  metric_type: e.metricType,
  condition: e.condition,
  threshold: e.threshold,
  window_minutes: e.windowMinutes,
  webhook_url: e.webhookUrl,
  state: e.state,
  value: e.value,
  note: e.note,
  at: e.at,
  delivery_status: e.deliveryStatus,
  attempts: e.attempts,
  last_error: e.lastError,
  delivered_at: e.deliveredAt,
});

export const evaluationJson = (r: EvaluationResult) => ({
  rules: r.rules,
  fired: r.fired.map((f) => ({ rule_id: f.ruleId, name: f.name, value: f.value })),
  resolved: r.resolved.map((f) => ({ rule_id: f.ruleId, name: f.name, value: f.value })),
  delivered: r.delivered,
  failed: r.failed,
});
