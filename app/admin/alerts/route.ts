import { adminKeyOrSession } from '@/auth/access';
import { createAlertRule } from '@/lib/alerts/create-rule';
import { listAlertRules } from '@/lib/alerts/list-rules';
import { alertRuleBodySchema } from '@/lib/alerts/validation';
import { route } from '@/lib/http/route';
import { ruleJson } from './serialize';

export const dynamic = 'force-dynamic';

/** Every alert rule with its current state. */
export const GET = route({ access: adminKeyOrSession }, async ({ db }) => ({ rules: (await listAlertRules(db)).map(ruleJson) }));

/** Adds a rule: `{name, service, metric_type, condition: "error_rate_pct"|"p95_ms", threshold, window_minutes, webhook_url, enabled?}`. */
export const POST = route({ access: adminKeyOrSession, body: alertRuleBodySchema }, async ({ db, actor, body }) => {
  return Response.json(ruleJson(await createAlertRule(db, body, actor)), { status: 201 });
});
