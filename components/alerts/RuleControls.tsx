'use client';

import { useState } from 'react';
import { FormMessage } from '@/components/forms/FormMessage';
import { primaryButtonClass, secondaryButtonClass } from '@/components/forms/styles';
import { useFormAction } from '@/components/forms/use-form-action';
import type { FormAction } from '@/lib/forms/action-state';

/** Turns a rule off or on, and deletes it after asking (`toggle`, `remove`: bound to the rule by the page). */
export function RuleControls({
  name,
  enabled,
  canWrite,
  toggle,
  remove,
}: {
  name: string;
  enabled: boolean;
  canWrite: boolean;
  toggle: FormAction;
  remove: FormAction;
}) {
  const toggling = useFormAction(toggle);
  const removing = useFormAction(remove);
  const [confirming, setConfirming] = useState(false);
  const disabled = !canWrite || toggling.busy || removing.busy;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        <form onSubmit={toggling.onSubmit} aria-label={`${enabled ? 'Disable' : 'Enable'} ${name}`}>
          <button type="submit" disabled={disabled} className={secondaryButtonClass}>
            {toggling.pending ? 'Saving…' : enabled ? 'Disable' : 'Enable'}
          </button>
        </form>
        {!confirming && (
          <button type="button" disabled={disabled} onClick={() => setConfirming(true)} className={secondaryButtonClass}>
            Delete
          </button>
        )}
      </div>
      {confirming && (
        <form
          onSubmit={(event) => {
            setConfirming(false);
            removing.onSubmit(event);
          }}
          role="group"
          aria-label={`Confirm deleting ${name}`}
          className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm dark:border-amber-700 dark:bg-amber-950"
        >
          <p>Delete this rule? Its history stays; a firing rule is notified as resolved.</p>
          <div className="mt-2 flex gap-2">
            <button type="submit" disabled={disabled} className={primaryButtonClass}>
              Yes, delete
            </button>
            <button type="button" onClick={() => setConfirming(false)} className={secondaryButtonClass}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <FormMessage state={toggling.state.status === 'idle' ? removing.state : toggling.state} testId="rule-control-message" />
    </div>
  );
}
