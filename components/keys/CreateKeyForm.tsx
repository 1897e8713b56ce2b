'use client';

import { useEffect, useRef } from 'react';
import { Field } from '@/components/forms/Field';
import { FormMessage } from '@/components/forms/FormMessage';
import { primaryButtonClass } from '@/components/forms/styles';
import { useFormAction } from '@/components/forms/use-form-action';
import type { FormAction } from '@/lib/forms/action-state';
import { CopyButton } from './CopyButton';
import { LimitFields } from './LimitFields';

/** What creating a key answers: the key in plain text, this once. */
export interface CreatedKey {
  id: number;
  key: string;
  service: string;
}

export function CreateKeyForm({ canWrite, action }: { canWrite: boolean; action: FormAction<CreatedKey> }) {
  const { state, onSubmit, pending, busy } = useFormAction(action);
  const errors = state.status === 'error' ? state.fields : {};
  const form = useRef<HTMLFormElement>(null);
  // Once a key is made, the form starts over: its values would otherwise invite making the same key twice.
  // (After refused input it keeps what was typed, to be corrected.)
  useEffect(() => {
    if (state.status === 'ok') form.current?.reset();
  }, [state]);
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
      <form ref={form} onSubmit={onSubmit} aria-label="Create a key">
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
