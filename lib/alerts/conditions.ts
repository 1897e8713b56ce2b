/**
 * What a rule can watch, with how the dashboard names it. Free of imports, so that forms in the browser
 * can use the list too.
 */
export const ALERT_CONDITIONS = {
  error_rate_pct: { label: 'Error rate', unit: '%', description: 'failures among the metrics that reported dimensions.success' },
  p95_ms: { label: 'p95 duration', unit: 'ms', description: '95th percentile of duration_ms' },
} as const;

export type AlertConditionName = keyof typeof ALERT_CONDITIONS;
export const ALERT_CONDITION_NAMES = Object.keys(ALERT_CONDITIONS) as AlertConditionName[];

/** The longest window a rule may look back over: a day of minute rollups (they are kept 2 days by default). */
export const MAX_WINDOW_MINUTES = 1440;

/** A webhook URL as shown to whoever may not see all of it: its origin (paths and queries often carry a token). */
export function redactedWebhookUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname === '/' && !parsed.search ? parsed.origin : `${parsed.origin}/…`;
  } catch {
    return '…';
  }
}
