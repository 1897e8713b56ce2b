'use server';

import { revalidatePath } from 'next/cache';
import { adminAction, type ActionState } from '@/auth/action';
import { getDb } from '@/db/connection';
import { createAlertRule } from '@/lib/alerts/create-rule';
import { deleteAlertRule } from '@/lib/alerts/delete-rule';
import { evaluateAlertsNow } from '@/lib/alerts/evaluate-now';
import { updateAlertRule } from '@/lib/alerts/update-rule';
import type { AlertRuleInput } from '@/lib/alerts/validation';
import { checked, text } from '@/lib/forms/fields';

/** The rule form's fields as the rule schema takes them (it reads numbers from their text itself). */
const ruleFrom = (form: FormData): AlertRuleInput => ({
  name: text(form, 'name'),
  service: text(form, 'service'),
  metricType: text(form, 'metricType'),
  condition: text(form, 'condition'),
  threshold: text(form, 'threshold'),
  windowMinutes: text(form, 'windowMinutes'),
  webhookUrl: text(form, 'webhookUrl'),
  enabled: checked(form, 'enabled'),
});

export async function createRuleAction(_: ActionState, form: FormData): Promise<ActionState> {
  return adminAction(
    (actor) => createAlertRule(getDb(), ruleFrom(form), actor),
    (rule) => {
      revalidatePath('/alerts');
      return { message: `Rule "${rule.name}" created; it is evaluated every minute.` };
    },
  );
}

export async function updateRuleAction(id: number, _: ActionState, form: FormData): Promise<ActionState> {
  return adminAction(
    (actor) => updateAlertRule(getDb(), id, ruleFrom(form), actor),
    (rule) => {
      revalidatePath('/alerts');
      return { message: `Rule "${rule.name}" saved.` };
    },
  );
}

export async function setRuleEnabledAction(id: number, enabled: boolean, _state: ActionState, _form: FormData): Promise<ActionState> {
  return adminAction(
    (actor) => updateAlertRule(getDb(), id, { enabled }, actor),
    (rule) => {
      revalidatePath('/alerts');
      return { message: `Rule "${rule.name}" ${rule.enabled ? 'enabled' : 'disabled'}.` };
    },
  );
}

export async function deleteRuleAction(id: number, _state: ActionState, _form: FormData): Promise<ActionState> {
  return adminAction(
    (actor) => deleteAlertRule(getDb(), id, actor),
    () => {
      revalidatePath('/alerts');
      return { message: 'Rule deleted.' };
    },
  );
}

export async function evaluateNowAction(_state: ActionState, _form: FormData): Promise<ActionState> {
  return adminAction(
    () => evaluateAlertsNow(getDb()),
    (result) => {
      revalidatePath('/alerts');
      const changes = [`${result.fired.length} fired`, `${result.resolved.length} resolved`, `${result.delivered} notified`];
      if (result.failed) changes.push(`${result.failed} not delivered`);
      return { message: `Evaluated ${result.rules} ${result.rules === 1 ? 'rule' : 'rules'}: ${changes.join(', ')}.` };
    },
  );
}
