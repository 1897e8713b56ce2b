import { integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { boolean } from './columns';

/** Migration 0012: what an alert watches and where it notifies; `state` is what the last evaluation found. */
export const alertRules = sqliteTable('alert_rules', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  service: text('service').notNull(),
  metricType: text('metric_type').notNull(),
  condition: text('condition', { enum: ['error_rate_pct', 'p95_ms'] }).notNull(),
  threshold: real('threshold').notNull(),
  windowMinutes: integer('window_minutes').notNull(),
  webhookUrl: text('webhook_url').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  state: text('state', { enum: ['ok', 'firing'] }).notNull(),
  stateSince: text('state_since'),
  lastValue: real('last_value'),
  evaluatedAt: text('evaluated_at'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});
