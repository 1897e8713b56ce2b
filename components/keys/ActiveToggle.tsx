'use client';

import { setActiveAction } from '@/app/(dashboard)/keys/actions';
import { FormMessage } from '@/components/forms/FormMessage';
import { secondaryButtonClass } from '@/components/forms/styles';
import { useFormAction } from '@/components/forms/use-form-action';

export function ActiveToggle({ id, active, canWrite }: { id: number; active: boolean; canWrite: boolean }) {
  const { state, onSubmit, pending, busy } = useFormAction(setActiveAction.bind(null, id, !active));
  return (
    <form onSubmit={onSubmit} aria-label="Key status" className="flex flex-wrap items-center gap-3">
      <button type="submit" disabled={!canWrite || busy} className={secondaryButtonClass}>
        {active ? 'Deactivate key' : 'Reactivate key'}
      </button>
      <FormMessage state={state} testId="active-message" />
    </form>
  );
}
