import { writeTransaction, type Db, type Reader } from '../../db/client';
import { insertAlertEventRow, listAlertRuleRows, recordEvaluationRow, type AlertRuleRow } from '../../db/queries/alerts';
import { selectMinuteRollupRows } from '../../db/queries/minute-rollups';
import { emptySketch, mergeSketchInto, parseSketch, quantileFromSketch } from '../rollups/sketch';
import { deliverPendingEvents, type DeliveryCounts } from './deliver-pending';
import type { DeliveryOptions } from './deliver';
import { ruleEvent } from './events';

const MINUTE_MS = 60_000;
const minuteKey = (ms: number) => new Date(ms).toISOString().slice(0, 16);

/**
 * What a rule watches, over the minute rollups of its window: the last `windowMinutes` minutes, the
 * current (partial) one included, so a burst counts within the minute it arrives. Error rate: failures
 * among the metrics that reported dimensions.success, in percent; p95: from the merged latency sketches
 * (within 1%). Null when the window holds nothing to measure.
 */
async function windowValue(db: Reader, rule: AlertRuleRow, now: Date): Promise<number | null> {
  const rows = await selectMinuteRollupRows(db, {
    minutes: 1,
    first: minuteKey(now.getTime() - (rule.windowMinutes - 1) * MINUTE_MS),
    afterLast: minuteKey(now.getTime() + MINUTE_MS),
    service: rule.service,
    metricTypes: [rule.metricType],
  });
  if (rule.condition === 'p95_ms') return quantileFromSketch(rows.map((row) => parseSketch(row.durationSketch)).reduce(mergeSketchInto, emptySketch()), 0.95);
  const failures = rows.reduce((n, row) => n + row.failureCount, 0);
  const outcomes = rows.reduce((n, row) => n + row.successCount, failures);
  return outcomes === 0 ? null : (failures / outcomes) * 100;
}

export interface RuleFinding {
  ruleId: number;
  name: string;
  value: number | null;
}

export interface EvaluationResult extends DeliveryCounts {
  /** Enabled rules evaluated. */
  rules: number;
  fired: RuleFinding[];
  resolved: RuleFinding[];
}

/**
 * Evaluates every enabled rule: a rule fires when its value exceeds its threshold and resolves when it no
 * longer does (or its window holds no data); each change is an event, recorded with the rule's new state
 * in one transaction, then notified to the rule's webhook (deliverPendingEvents). A rule edited while
 * this ran keeps the edit, and this finding is dropped. Of several instances, run it under the alerts
 * lease (evaluation-task.ts), or two could notify the same change.
 */
export async function evaluateAlertRules(db: Db, options: { now?: Date; delivery?: DeliveryOptions } = {}): Promise<EvaluationResult> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const rules = await listAlertRuleRows(db, { enabledOnly: true });
  const findings = await Promise.all(rules.map(async (rule) => ({ rule, value: await windowValue(db, rule, now) })));
  const result: EvaluationResult = { rules: rules.length, fired: [], resolved: [], delivered: 0, failed: 0 };
  if (findings.length) {
    await writeTransaction(db, async (tx) => {
      for (const { rule, value } of findings) {
        const state = value !== null && value > rule.threshold ? 'firing' : 'ok';
        const changed = state !== rule.state;
        const recorded = await recordEvaluationRow(tx, rule, { state, stateSince: changed ? at : rule.stateSince, lastValue: value, evaluatedAt: at });
        if (!recorded || !changed) continue;
        const firing = state === 'firing';
        await insertAlertEventRow(tx, ruleEvent(rule, firing ? 'firing' : 'resolved', value, value === null ? 'no data in the window' : null, at));
        result[firing ? 'fired' : 'resolved'].push({ ruleId: rule.id, name: rule.name, value });
      }
    });
  }
  Object.assign(result, await deliverPendingEvents(db, options.delivery));
  return result;
}
