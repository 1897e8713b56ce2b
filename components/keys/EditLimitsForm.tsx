'use client';

import { setLimitsAction } from '@/app/(dashboard)/keys/actions';
import { FormMessage } from '@/components/forms/FormMessage';
import { primaryButtonClass } from '@/components/forms/styles';
import { useFormAction } from '@/components/forms/use-form-action';
import { LimitFields, type LimitValues } from './LimitFields';

export function EditLimitsForm({ id, limits, canWrite }: { id: number; limits: LimitValues; canWrite: boolean }) {
  const { state, onSubmit, pending, busy } = useFormAction(setLimitsAction.bind(null, id));
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
