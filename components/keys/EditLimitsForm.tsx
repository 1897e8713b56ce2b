'use client';

import { FormMessage } from '@/components/forms/FormMessage';
import { primaryButtonClass } from '@/components/forms/styles';
import { useFormAction } from '@/components/forms/use-form-action';
import type { FormAction } from '@/lib/forms/action-state';
import { LimitFields, type LimitValues } from './LimitFields';

/** `action`: the key's limits action, bound to the key by the page. */
export function EditLimitsForm({ limits, canWrite, action }: { limits: LimitValues; canWrite: boolean; action: FormAction }) {
  const { state, onSubmit, pending, busy } = useFormAction(action);
  return (
    <form onSubmit={onSubmit} aria-label="Edit limits" className="flex flex-col gap-3">
      <fieldset disabled={!canWrite || busy} className="grid gap-3 sm:grid-cols-3">
        <LimitFields values={limits} errors={state.status === 'error' ? state.fields : {}} rateLimitHint="per minute, token bucket" />
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={!canWrite || busy} className={primaryButtonClass}>
          {pending ? 'Saving…' : 'Save limits'}
        </button>
        <FormMessage state={state} testId="limits-message" />
      </div>
    </form>
  );
}
