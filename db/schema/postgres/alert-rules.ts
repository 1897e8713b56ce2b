import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { identityId, timestamptz } from './columns';

/** Migration 0012: what an alert watches and where it notifies; `state` is what the last evaluation found. */
export const alertRules = pgTable(
  'alert_rules',
  {
    id: identityId(),
    name: text('name').notNull(),
    service: text('service').notNull(),
    metricType: text('metric_type').notNull(),
    condition: text('condition', { enum: ['error_rate_pct', 'p95_ms'] }).notNull(),
    threshold: doublePrecision('threshold').notNull(),
    windowMinutes: integer('window_minutes').notNull(),
    webhookUrl: text('webhook_url').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    state: text('state', { enum: ['ok', 'firing'] }).notNull(),
    stateSince: timestamptz('state_since'),
    lastValue: doublePrecision('last_value'),
    evaluatedAt: timestamptz('evaluated_at'),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  // The names PostgreSQL gave the columns' CHECKs in migration 0012.
  (t) => [
    check('alert_rules_condition_check', sql`${t.condition} IN ('error_rate_pct', 'p95_ms')`),
    check('alert_rules_state_check', sql`${t.state} IN ('ok', 'firing')`),
  ],
);
