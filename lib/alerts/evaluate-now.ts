import type { Db } from '../../db/client';
import { UserError } from '../errors';
import { currentOwner } from '../server/process';
import { whileLeaseHeld } from '../schedule/lease';
import type { DeliveryOptions } from './deliver';
import { evaluateAlertRules, type EvaluationResult } from './evaluate';
import { ALERTS_LEASE } from './evaluation-task';

/** Evaluates the rules now (an admin's "evaluate now"), under the same lease as the schedule; 409 while an evaluation runs elsewhere. */
export async function evaluateAlertsNow(db: Db, options: { delivery?: DeliveryOptions } = {}): Promise<EvaluationResult> {
  const result = await whileLeaseHeld(db, ALERTS_LEASE, currentOwner(), () => evaluateAlertRules(db, options));
  if (!result) throw new UserError('an alert evaluation is running right now; try again in a moment', 409);
  return result;
}
