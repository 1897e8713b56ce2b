import { z } from 'zod';
import { adminKeyOrSession } from '@/auth/access';
import { alertEventLimitSchema, listAlertEvents } from '@/lib/alerts/list-events';
import { alertRuleIdSchema } from '@/lib/alerts/validation';
import { route } from '@/lib/http/route';
import { eventJson } from '../serialize';

export const dynamic = 'force-dynamic';

const query = z.object({ rule_id: alertRuleIdSchema.optional(), limit: alertEventLimitSchema.optional() });

/** The newest alert events (`?rule_id=` one rule's, `?limit=` 1..500, default 50) and how their notifications went. */
export const GET = route({ access: adminKeyOrSession, query }, async ({ db, query }) => ({
  events: (await listAlertEvents(db, { ruleId: query.rule_id, limit: query.limit })).map(eventJson),
}));
