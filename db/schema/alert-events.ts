import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Migration 0012: one change of an alert's state, with the rule as it was and how its webhook delivery went. */
export const alertEvents = sqliteTable(
  'alert_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ruleId: integer('rule_id').notNull(),
    ruleName: text('rule_name').notNull(),
    service: text('service').notNull(),
    metricType: text('metric_type').notNull(),
    condition: text('condition').notNull(),
    threshold: real('threshold').notNull(),
    windowMinutes: integer('window_minutes').notNull(),
    webhookUrl: text('webhook_url').notNull(),
    state: text('state', { enum: ['firing', 'resolved'] }).notNull(),
    value: real('value'),
    note: text('note'),
    at: text('at').notNull(),
    deliveryStatus: text('delivery_status', { enum: ['pending', 'delivered', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    deliveredAt: text('delivered_at'),
  },
  (t) => [index('idx_alert_events_rule').on(t.ruleId, t.id), index('idx_alert_events_delivery').on(t.deliveryStatus, t.id)],
);
