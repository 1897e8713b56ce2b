import type { AlertEventRow } from '../../db/queries/alerts';
import { ALERT_CONDITIONS } from './conditions';

/** The JSON body a webhook receives, built from the event alone (it is the rule as it was). */
export function notificationOf(event: AlertEventRow) {
  const { label, unit } = ALERT_CONDITIONS[event.condition];
  const value = event.value === null ? 'no data' : `${Number(event.value.toFixed(2))} ${unit}`;
  const summary =
    event.state === 'firing'
      ? `${event.ruleName} is firing: ${label} of ${event.service} ${event.metricType} is ${value} over the last ${event.windowMinutes} min (threshold ${event.threshold} ${unit})`
      : `${event.ruleName} resolved${event.note ? ` (${event.note})` : ''}: ${label} of ${event.service} ${event.metricType} is ${value} (threshold ${event.threshold} ${unit})`;
  return {
    version: 1,
    status: event.state,
    event_id: event.id,
    at: event.at,
    value: event.value,
    note: event.note,
    summary,
    rule: {
      id: event.ruleId,
      name: event.ruleName,
      service: event.service,
      metric_type: event.metricType,
      condition: event.condition,
      threshold: event.threshold,
      window_minutes: event.windowMinutes,
    },
  };
}
