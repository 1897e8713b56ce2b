'use client';

import { updatePolicyAction } from '@/app/(dashboard)/retention/actions';
import { FormMessage } from '@/components/forms/FormMessage';
import { fieldErrorClass, inputClass, secondaryButtonClass } from '@/components/forms/styles';
import { useFormAction } from '@/components/forms/use-form-action';

export interface PolicyView {
  table: string;
  column: string;
  retentionDays: number;
  isActive: boolean;
  expiredRows: number;
  totalRows: number;
}

/** One table's policy as an editable row, with what a cleanup would delete from it now. */
export function PolicyForm({ policy, canWrite }: { policy: PolicyView; canWrite: boolean }) {
  const { state, onSubmit, pending, busy } = useFormAction(updatePolicyAction.bind(null, policy.table));
  const error = state.status === 'error' ? (state.fields.retentionDays ?? state.fields.isActive) : undefined;
  return (
    <form
      onSubmit={onSubmit}
      aria-label={`Policy of ${policy.table}`}
      data-testid={`policy-${policy.table}`}
      className="grid grid-cols-2 items-center gap-x-4 gap-y-2 px-3 py-3 sm:grid-cols-[1.4fr_1fr_0.7fr_1fr_auto]"
    >
      <div className="col-span-2 sm:col-span-1">
        <div className="font-mono text-sm">{policy.table}</div>
        <div className="text-xs text-zinc-500">by {policy.column}</div>
      </div>
      <fieldset disabled={!canWrite || busy} className="contents">
        <label className="flex flex-col gap-1 text-xs">
          <span className="sm:sr-only">Days</span>
          <input
            name="retentionDays"
            aria-label={`Days ${policy.table} keeps`}
            inputMode="numeric"
            defaultValue={policy.retentionDays}
            aria-invalid={error ? true : undefined}
            className={`${inputClass} w-28`}
          />
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="isActive" defaultChecked={policy.isActive} aria-label={`Cleanup of ${policy.table} on`} />
          <span>active</span>
        </label>
        <div data-testid={`expired-${policy.table}`} className="text-sm tabular-nums">
          {policy.isActive ? `${policy.expiredRows} of ${policy.totalRows} expired` : `off (${policy.totalRows} rows)`}
        </div>
        <button type="submit" className={secondaryButtonClass}>
          {pending ? 'Saving…' : 'Save'}
        </button>
      </fieldset>
      {error && (
        <p data-testid="retentionDays-error" className={`col-span-full ${fieldErrorClass}`}>
          {error}
        </p>
      )}
      {state.status !== 'idle' && !error && (
        <div className="col-span-full">
          <FormMessage state={state} testId="policy-message" />
        </div>
      )}
    </form>
  );
}
