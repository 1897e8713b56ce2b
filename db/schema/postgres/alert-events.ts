import { sql } from 'drizzle-orm';
import { bigint, check, doublePrecision, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { identityId, timestamptz } from './columns';

/** Migration 0012: one change of an alert's state, with the rule as it was and how its webhook delivery went. */
export const alertEvents = pgTable(
  'alert_events',
  {
    id: identityId(),
    ruleId: bigint('rule_id', { mode: 'number' }).notNull(),
    ruleName: text('rule_name').notNull(),
    service: text('service').notNull(),
    metricType: text('metric_type').notNull(),
    condition: text('condition').notNull(),
    threshold: doublePrecision('threshold').notNull(),
    windowMinutes: integer('window_minutes').notNull(),
    webhookUrl: text('webhook_url').notNull(),
    state: text('state', { enum: ['firing', 'resolved'] }).notNull(),
    value: doublePrecision('value'),
    note: text('note'),
    at: timestamptz('at').notNull(),
    deliveryStatus: text('delivery_status', { enum: ['pending', 'delivered', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    deliveredAt: timestamptz('delivered_at'),
  },
  (t) => [
    index('idx_alert_events_rule').on(t.ruleId, t.id),
    index('idx_alert_events_delivery').on(t.deliveryStatus, t.id),
    // The names PostgreSQL gave the columns' CHECKs in migration 0012.
    check('alert_events_state_check', sql`${t.state} IN ('firing', 'resolved')`),
    check('alert_events_delivery_status_check', sql`${t.deliveryStatus} IN ('pending', 'delivered', 'failed')`),
  ],
);
