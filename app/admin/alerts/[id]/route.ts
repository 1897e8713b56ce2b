import { z } from 'zod';
import { adminKeyOrSession } from '@/auth/access';
import { deleteAlertRule } from '@/lib/alerts/delete-rule';
import { findAlertRule } from '@/lib/alerts/find-rule';
import { updateAlertRule } from '@/lib/alerts/update-rule';
import { alertRuleChangesBodySchema, alertRuleIdSchema } from '@/lib/alerts/validation';
import { route } from '@/lib/http/route';
import { ruleJson } from '../serialize';

export const dynamic = 'force-dynamic';

const params = z.object({ id: alertRuleIdSchema });

export const GET = route({ access: adminKeyOrSession, params }, async ({ db, params }) => ruleJson(await findAlertRule(db, params.id)));

/** Changes the fields given (the others keep their values); a firing rule whose condition changes is resolved. */
export const PATCH = route({ access: adminKeyOrSession, params, body: alertRuleChangesBodySchema }, async ({ db, actor, params, body }) =>
  ruleJson(await updateAlertRule(db, params.id, body, actor)),
);

/** Deletes the rule; its history stays. */
export const DELETE = route({ access: adminKeyOrSession, params }, async ({ db, actor, params }) => {
  await deleteAlertRule(db, params.id, actor);
  return new Response(null, { status: 204 });
});
