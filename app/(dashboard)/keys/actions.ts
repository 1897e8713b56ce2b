'use server';

import { revalidatePath } from 'next/cache';
import { adminAction, type ActionState } from '@/auth/action';
import type { CreatedKey } from '@/components/keys/CreateKeyForm';
import { getDb } from '@/db/connection';
import { createApiKey } from '@/lib/keys/create';
import { reactivateApiKey } from '@/lib/keys/reactivate';
import { revokeApiKey } from '@/lib/keys/revoke';
import { setKeyLimits } from '@/lib/keys/set-limits';
import { optionalNumber, text } from '@/lib/forms/fields';

export async function createKeyAction(_: ActionState<CreatedKey>, form: FormData): Promise<ActionState<CreatedKey>> {
  const rateLimit = optionalNumber(form, 'rateLimit');
  return adminAction(
    (actor) =>
      createApiKey(
        getDb(),
        {
          service: text(form, 'service'),
          description: text(form, 'description'),
          // Blank keeps the default rate limit; blank daily/monthly limits mean "no limit".
          ...(rateLimit === null ? {} : { rateLimit }),
          dailyUsageLimit: optionalNumber(form, 'dailyUsageLimit'),
          monthlyUsageLimit: optionalNumber(form, 'monthlyUsageLimit'),
        },
        actor,
      ),
    ({ key, record }) => {
      revalidatePath('/keys');
      return { message: `Key created for ${record.serviceName}.`, data: { id: record.id, key, service: record.serviceName } };
    },
  );
}

export async function setLimitsAction(id: number, _: ActionState, form: FormData): Promise<ActionState> {
  const rateLimit = optionalNumber(form, 'rateLimit');
  return adminAction(
    (actor) =>
      setKeyLimits(
        getDb(),
        id,
        {
          // A blank rate limit is not "no limit" (every key has one): the schema names it as missing.
          rateLimit: rateLimit ?? '',
          dailyUsageLimit: optionalNumber(form, 'dailyUsageLimit'),
          monthlyUsageLimit: optionalNumber(form, 'monthlyUsageLimit'),
        },
        actor,
      ),
    () => {
      revalidatePath('/keys');
      revalidatePath(`/keys/${id}`);
      return { message: 'Limits saved; they apply from the next request.' };
    },
  );
}

export async function setActiveAction(id: number, active: boolean, _state: ActionState, _form: FormData): Promise<ActionState> {
  return adminAction(
    (actor) => (active ? reactivateApiKey : revokeApiKey)(getDb(), id, actor),
    (key) => {
      revalidatePath('/keys');
      revalidatePath(`/keys/${id}`);
      return { message: key.isActive ? 'Key reactivated.' : 'Key deactivated: requests with it are refused from now on.' };
    },
  );
}
