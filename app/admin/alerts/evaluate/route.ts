import { adminKeyOrSession } from '@/auth/access';
import { evaluateAlertsNow } from '@/lib/alerts/evaluate-now';
import { route } from '@/lib/http/route';
import { evaluationJson } from '../serialize';

export const dynamic = 'force-dynamic';

/** Evaluates every enabled rule now and sends the notifications owed (the schedule does this every minute); 409 while another evaluation runs. */
export const POST = route({ access: adminKeyOrSession }, async ({ db }) => evaluationJson(await evaluateAlertsNow(db)));
