import { z } from 'zod';
import type { Reader } from '../../db/client';
import { listAlertEventRows, type AlertEventRow } from '../../db/queries/alerts';
import { parseInput, wholeNumberSchema } from '../validation';
import { alertRuleIdSchema } from './validation';

export const alertEventLimitSchema = wholeNumberSchema('limit must be a whole number').pipe(
  z.number().min(1, { error: 'limit must be at least 1' }).max(500, { error: 'limit must be at most 500' }),
);

const querySchema = z.object({ ruleId: alertRuleIdSchema.optional(), limit: alertEventLimitSchema.default(50) });

/** The newest alert events (every rule's, or one rule's), with how their notifications went. */
export function listAlertEvents(db: Reader, query: z.input<typeof querySchema> = {}): Promise<AlertEventRow[]> {
  return listAlertEventRows(db, parseInput(querySchema, query));
}
