import type { Db } from '../../db/client';
import { lastEvaluationAt } from '../../db/queries/alerts';
import type { RecurringTask } from '../schedule/every';
import { whileLeaseHeld } from '../schedule/lease';
import type { DeliveryOptions } from './deliver';
import { evaluateAlertRules, type EvaluationResult } from './evaluate';

export const EVALUATION_INTERVAL_MS = 60_000;
/** The scheduler lease the evaluations of every instance on one database share. */
export const ALERTS_LEASE = 'alerts';

const shown = (value: number | null) => (value === null ? 'no data' : String(Number(value.toFixed(2))));

function logResult(result: EvaluationResult, log: (line: string) => void): void {
  for (const f of result.fired) log(`[alerts] rule #${f.ruleId} "${f.name}" is firing (${shown(f.value)})`);
  for (const r of result.resolved) log(`[alerts] rule #${r.ruleId} "${r.name}" resolved (${shown(r.value)})`);
  if (result.failed) log(`[alerts] ${result.failed} notification(s) could not be delivered; see the alerts page`);
}

/**
 * The `npm start` parent's alert evaluation, every minute (a schedule for lib/schedule/every.ts): one
 * instance at a time, the holder of the alerts lease, evaluates; the others find the turn taken, or
 * (inside the lease) the rules evaluated less than a minute ago, and wait.
 */
export function alertEvaluationTask(
  db: Db,
  holder: string,
  log: (line: string) => void,
  options: { intervalMs?: number; startDelayMs?: number; delivery?: DeliveryOptions } = {},
): RecurringTask {
  const intervalMs = options.intervalMs ?? EVALUATION_INTERVAL_MS;
  return {
    name: 'alerts',
    intervalMs,
    startDelayMs: options.startDelayMs ?? intervalMs,
    lastRunAt: async () => {
      const at = await lastEvaluationAt(db);
      return at ? new Date(at) : null;
    },
    exclusive: (turn) => whileLeaseHeld(db, ALERTS_LEASE, holder, turn),
    run: async () => logResult(await evaluateAlertRules(db, { delivery: options.delivery }), log),
  };
}
