import type { Reader, Tx } from '../client';
import { flagParam } from './dialect';

export type AlertCondition = 'error_rate_pct' | 'p95_ms';
export type AlertState = 'ok' | 'firing';
export type AlertEventState = 'firing' | 'resolved';
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** What a rule watches and where it notifies. */
export interface AlertRuleFields {
  name: string;
  service: string;
  metricType: string;
  condition: AlertCondition;
  threshold: number;
  windowMinutes: number;
  webhookUrl: string;
  enabled: boolean;
}

export interface AlertRuleRow extends AlertRuleFields {
  id: number;
  state: AlertState;
  stateSince: string | null;
  lastValue: number | null;
  evaluatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One change of a rule's state, with the rule as it was (its own copy: it outlives edits and deletion of the rule). */
export interface AlertEventFields {
  ruleId: number;
  ruleName: string;
  service: string;
  metricType: string;
  condition: AlertCondition;
  threshold: number;
  windowMinutes: number;
  webhookUrl: string;
  state: AlertEventState;
  value: number | null;
  note: string | null;
  at: string;
}

export interface AlertEventRow extends AlertEventFields {
  id: number;
  deliveryStatus: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  deliveredAt: string | null;
}

const RULE_COLUMNS = `id, name, service, metric_type AS "metricType", condition, threshold, window_minutes AS "windowMinutes", webhook_url AS "webhookUrl",
  enabled, state, state_since AS "stateSince", last_value AS "lastValue", evaluated_at AS "evaluatedAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

const EVENT_COLUMNS = `id, rule_id AS "ruleId", rule_name AS "ruleName", service, metric_type AS "metricType", condition, threshold,
  window_minutes AS "windowMinutes", webhook_url AS "webhookUrl", state, value, note, at, delivery_status AS "deliveryStatus", attempts,
  last_error AS "lastError", delivered_at AS "deliveredAt"`;

// SQLite answers the flag as 0/1.
const ruleOf = (row: AlertRuleRow): AlertRuleRow => ({ ...row, enabled: Boolean(row.enabled) });

export async function listAlertRuleRows(db: Reader, options: { enabledOnly?: boolean } = {}): Promise<AlertRuleRow[]> {
  const where = options.enabledOnly ? `WHERE enabled = ${db.engine === 'sqlite' ? '1' : 'true'}` : '';
  return (await db.all<AlertRuleRow>(`SELECT ${RULE_COLUMNS} FROM alert_rules ${where} ORDER BY id`)).map(ruleOf);
}

export async function findAlertRuleRow(db: Reader, id: number): Promise<AlertRuleRow | undefined> {
  const row = await db.get<AlertRuleRow>(`SELECT ${RULE_COLUMNS} FROM alert_rules WHERE id = ?`, [id]);
  return row && ruleOf(row);
}

const fieldParams = (db: Reader, f: AlertRuleFields) => [
  f.name,
  f.service,
  f.metricType,
  f.condition,
  f.threshold,
  f.windowMinutes,
  f.webhookUrl,
  flagParam(db, f.enabled),
];

export async function insertAlertRuleRow(tx: Tx, fields: AlertRuleFields, now: string): Promise<number> {
  const row = await tx.get<{ id: number }>(
    `INSERT INTO alert_rules (name, service, metric_type, condition, threshold, window_minutes, webhook_url, enabled, state, state_since, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'ok', ?, ?, ?) RETURNING id`,
    [...fieldParams(tx, fields), now, now, now],
  );
  return row!.id;
}

/** Replaces a rule's fields and its state. */
export async function updateAlertRuleRow(
  tx: Tx,
  id: number,
  fields: AlertRuleFields,
  state: Pick<AlertRuleRow, 'state' | 'stateSince' | 'lastValue'>,
  now: string,
): Promise<void> {
  await tx.run(
    `UPDATE alert_rules SET name = ?, service = ?, metric_type = ?, condition = ?, threshold = ?, window_minutes = ?, webhook_url = ?, enabled = ?,
       state = ?, state_since = ?, last_value = ?, updated_at = ? WHERE id = ?`,
    [...fieldParams(tx, fields), state.state, state.stateSince, state.lastValue, now, id],
  );
}

export function deleteAlertRuleRow(tx: Tx, id: number): Promise<number> {
  return tx.run(`DELETE FROM alert_rules WHERE id = ?`, [id]);
}

/**
 * Records what an evaluation found, unless the rule changed since it was read (an edit while the
 * evaluation ran): answers whether it was recorded.
 */
export async function recordEvaluationRow(
  tx: Tx,
  rule: Pick<AlertRuleRow, 'id' | 'state' | 'updatedAt'>,
  found: { state: AlertState; stateSince: string | null; lastValue: number | null; evaluatedAt: string },
): Promise<boolean> {
  const changed = await tx.run(
    `UPDATE alert_rules SET state = ?, state_since = ?, last_value = ?, evaluated_at = ? WHERE id = ? AND state = ? AND updated_at = ?`,
    [found.state, found.stateSince, found.lastValue, found.evaluatedAt, rule.id, rule.state, rule.updatedAt],
  );
  return changed === 1;
}

/** When rules were last evaluated (the latest of them), or null. */
export async function lastEvaluationAt(db: Reader): Promise<string | null> {
  return (await db.get<{ at: string | null }>(`SELECT MAX(evaluated_at) AS at FROM alert_rules`))?.at ?? null;
}

export async function insertAlertEventRow(tx: Tx, event: AlertEventFields): Promise<number> {
  const row = await tx.get<{ id: number }>(
    `INSERT INTO alert_events (rule_id, rule_name, service, metric_type, condition, threshold, window_minutes, webhook_url, state, value, note, at,
       delivery_status, attempts)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0) RETURNING id`,
    [
      event.ruleId,
      event.ruleName,
      event.service,
      event.metricType,
      event.condition,
      event.threshold,
      event.windowMinutes,
      event.webhookUrl,
      event.state,
      event.value,
      event.note,
      event.at,
    ],
  );
  return row!.id;
}

/** Newest first: every rule's events, or one rule's (idx_alert_events_rule). */
export function listAlertEventRows(db: Reader, options: { ruleId?: number; limit: number }): Promise<AlertEventRow[]> {
  if (options.ruleId !== undefined) {
    return db.all<AlertEventRow>(`SELECT ${EVENT_COLUMNS} FROM alert_events WHERE rule_id = ? ORDER BY id DESC LIMIT ?`, [options.ruleId, options.limit]);
  }
  return db.all<AlertEventRow>(`SELECT ${EVENT_COLUMNS} FROM alert_events ORDER BY id DESC LIMIT ?`, [options.limit]);
}

/** The events whose notification is still owed, oldest first (idx_alert_events_delivery). */
export function listPendingEventRows(db: Reader, limit: number): Promise<AlertEventRow[]> {
  return db.all<AlertEventRow>(`SELECT ${EVENT_COLUMNS} FROM alert_events WHERE delivery_status = 'pending' ORDER BY id LIMIT ?`, [limit]);
}

export async function recordDeliveryRow(
  tx: Tx,
  id: number,
  outcome: { status: Exclude<DeliveryStatus, 'pending'>; attempts: number; lastError: string | null; deliveredAt: string | null },
): Promise<void> {
  await tx.run(`UPDATE alert_events SET delivery_status = ?, attempts = ?, last_error = ?, delivered_at = ? WHERE id = ?`, [
    outcome.status,
    outcome.attempts,
    outcome.lastError,
    outcome.deliveredAt,
    id,
  ]);
}
