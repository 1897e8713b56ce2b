'use client';

import { createKeyAction } from '@/app/(dashboard)/keys/actions';
import { Field } from '@/components/forms/Field';
import { FormMessage } from '@/components/forms/FormMessage';
import { primaryButtonClass } from '@/components/forms/styles';
import { useFormAction } from '@/components/forms/use-form-action';
import { CopyButton } from './CopyButton';
import { LimitFields } from './LimitFields';

export function CreateKeyForm({ canWrite }: { canWrite: boolean }) {
  const { state, onSubmit, pending, busy } = useFormAction(createKeyAction);
  const errors = state.status === 'error' ? state.fields : {};
  return (
    <section className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <h2 className="mb-3 text-lg font-semibold">Create a key</h2>
      {state.status === 'ok' && (
        <div data-testid="new-key-panel" className="mb-4 rounded-md border border-emerald-300 bg-emerald-50 p-3 dark:border-emerald-800 dark:bg-emerald-950">
          <p className="text-sm font-medium">New key for {state.data.service}. Copy it now: it will not be shown again.</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <input
              id="new-key"
              data-testid="new-key"
              readOnly
              value={state.data.key}
              className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-2 py-1.5 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton text={state.data.key} fieldId="new-key" />
          </div>
          <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
            Services send it in the <code>X-API-Key</code> header. Only its hash is stored; a lost key cannot be recovered, only replaced.
          </p>
        </div>
      )}
      <form onSubmit={onSubmit} aria-label="Create a key">
        <fieldset disabled={!canWrite || busy} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <Field label="Service name" name="service" required error={errors.service} hint="letters, digits, _ and -" />
          <Field label="Description" name="description" error={errors.description} />
          <LimitFields errors={errors} rateLimitHint="blank: 1000" />
          <div className="flex items-end">
            <button type="submit" className={primaryButtonClass}>
              {pending ? 'Creating…' : 'Create key'}
            </button>
          </div>
        </fieldset>
        {state.status === 'error' && (
          <div className="mt-3">
            <FormMessage state={state} />
          </div>
        )}
      </form>
    </section>
  );
}
