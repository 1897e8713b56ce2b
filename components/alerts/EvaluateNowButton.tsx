'use client';

import { FormMessage } from '@/components/forms/FormMessage';
import { secondaryButtonClass } from '@/components/forms/styles';
import { useFormAction } from '@/components/forms/use-form-action';
import type { FormAction } from '@/lib/forms/action-state';

/** Evaluates every rule now rather than at the next minute, and sends what is owed. */
export function EvaluateNowButton({ canWrite, action }: { canWrite: boolean; action: FormAction }) {
  const { state, onSubmit, pending, busy } = useFormAction(action);
  return (
    <form onSubmit={onSubmit} aria-label="Evaluate now" className="flex flex-wrap items-center gap-3">
      <button type="submit" disabled={!canWrite || busy} className={secondaryButtonClass}>
        {pending ? 'Evaluating…' : 'Evaluate now'}
      </button>
      <FormMessage state={state} testId="evaluate-message" />
    </form>
  );
}
