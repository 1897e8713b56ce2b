'use client';

import { useState, type FormEvent } from 'react';
import { FormMessage } from '@/components/forms/FormMessage';
import { primaryButtonClass, secondaryButtonClass } from '@/components/forms/styles';
import { useFormAction } from '@/components/forms/use-form-action';
import type { FormAction } from '@/lib/forms/action-state';

/**
 * Deactivates or reactivates a key (`action`, bound to the key and the new state by the page).
 * Deactivating asks first: from the next request on, the service using the key is refused.
 */
export function ActiveToggle({ active, canWrite, action }: { active: boolean; canWrite: boolean; action: FormAction }) {
  const { state, onSubmit, pending, busy } = useFormAction(action);
  const [confirming, setConfirming] = useState(false);
  const disabled = !canWrite || busy;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    setConfirming(false);
    onSubmit(event);
  };
  return (
    <form onSubmit={submit} aria-label="Key status" className="flex flex-col gap-3">
      {active && confirming ? (
        <div
          role="group"
          aria-label="Confirm deactivation"
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950"
        >
          <p>Deactivate this key? Every request with it is refused from now on (401), until it is reactivated.</p>
          <div className="mt-2 flex gap-2">
            <button type="submit" disabled={disabled} className={primaryButtonClass}>
              Yes, deactivate
            </button>
            <button type="button" onClick={() => setConfirming(false)} className={secondaryButtonClass}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          {active ? (
            <button type="button" disabled={disabled} onClick={() => setConfirming(true)} className={secondaryButtonClass}>
              {pending ? 'Deactivating…' : 'Deactivate key'}
            </button>
          ) : (
            <button type="submit" disabled={disabled} className={secondaryButtonClass}>
              {pending ? 'Reactivating…' : 'Reactivate key'}
            </button>
          )}
          <FormMessage state={state} testId="active-message" />
        </div>
      )}
    </form>
  );
}
