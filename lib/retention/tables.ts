/**
 * The tables retention may age, and the column (and its stored text format) that dates each row.
 * Free of imports so that forms in the browser can use the list too.
 */
export const RETENTION_TABLES = {
  metrics: { column: 'created_at', format: 'sqlite-datetime' },
  auth_metrics: { column: 'created_at', format: 'sqlite-datetime' },
  discovery_metrics: { column: 'created_at', format: 'sqlite-datetime' },
  tool_metrics: { column: 'created_at', format: 'sqlite-datetime' },
  metrics_minutely: { column: 'minute_timestamp', format: 'iso' },
  metrics_5min: { column: 'minute_timestamp', format: 'iso' },
  metrics_hourly: { column: 'hour_timestamp', format: 'iso' },
  metrics_daily: { column: 'date', format: 'date' },
  metrics_dimension_hourly: { column: 'hour_timestamp', format: 'iso' },
  api_key_usage_log: { column: 'timestamp', format: 'iso' },
  alert_events: { column: 'at', format: 'iso' },
} as const;

export type RetentionTable = keyof typeof RETENTION_TABLES;
/** How an aging column stores time: `datetime('now')` text, ISO 8601 with Z, or a bare date. */
export type ColumnFormat = (typeof RETENTION_TABLES)[RetentionTable]['format'];

/**
 * What a table keeps past its cutoff because something still needs it (db/queries/retention.ts holds the
 * condition): the delivery turn sends an event's notification later, and a firing rule's history says since when.
 */
export const KEPT_PAST_CUTOFF: Partial<Record<RetentionTable, string>> = {
  alert_events: 'events whose notification is still owed, and each firing rule’s latest event',
};

export const RETENTION_TABLE_NAMES = Object.keys(RETENTION_TABLES) as RetentionTable[];

export function isRetentionTable(name: string): name is RetentionTable {
  return Object.hasOwn(RETENTION_TABLES, name);
}
