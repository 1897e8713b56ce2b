'use client';

import { useState, useTransition } from 'react';
import { cleanupAction } from '@/app/(dashboard)/retention/actions';
import { IDLE, type ActionState } from '@/components/forms/action-state';
import { FormMessage } from '@/components/forms/FormMessage';
import { primaryButtonClass, secondaryButtonClass } from '@/components/forms/styles';
import type { CleanupResult } from '@/lib/retention/apply-cleanup';

/** "Run cleanup now", dry run first: the real run is offered once a dry run has shown what it would delete. */
export function CleanupPanel({ canWrite }: { canWrite: boolean }) {
  const [state, setState] = useState<ActionState<CleanupResult>>(IDLE);
  const [pending, startTransition] = useTransition();
  const run = (dryRun: boolean) => startTransition(async () => setState(await cleanupAction({ dry_run: dryRun })));
  const result = state.status === 'ok' ? state.data : null;
  return (
    <section className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <h2 className="mb-1 text-lg font-semibold">Run cleanup now</h2>
      <p className="mb-3 text-sm text-zinc-500">Start with a dry run: it counts what would be deleted and changes nothing.</p>
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" onClick={() => run(true)} disabled={!canWrite || pending} className={secondaryButtonClass}>
          Dry run
        </button>
        {result?.dryRun && (
          <button type="button" onClick={() => run(false)} disabled={!canWrite || pending} className={primaryButtonClass}>
            Delete expired rows now
          </button>
        )}
        {pending && <span className="text-sm text-zinc-500">Running…</span>}
      </div>
      <div className="mt-3">
        <FormMessage state={state} testId="cleanup-message" />
      </div>
      {result && (
        <ul data-testid="cleanup-result" className="mt-2 grid gap-1 text-sm sm:grid-cols-2">
          {result.tables.map((t) => (
            <li key={t.table} className="flex justify-between gap-4 border-b border-zinc-100 py-1 dark:border-zinc-800">
              <span className="font-mono">{t.table}</span>
              <span className="tabular-nums">
                {t.skipped ? 'skipped (inactive)' : result.dryRun ? `${t.expiredRows} would go` : `${t.deletedRows} deleted`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
