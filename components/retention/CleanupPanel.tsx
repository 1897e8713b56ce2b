'use client';

import { useState, useTransition } from 'react';
import { FormMessage } from '@/components/forms/FormMessage';
import { primaryButtonClass, secondaryButtonClass } from '@/components/forms/styles';
import { useHydrated } from '@/components/forms/use-hydrated';
import { formatCount } from '@/components/shell/format';
import { cellClass, Table } from '@/components/shell/Table';
import { Timestamp } from '@/components/shell/Timestamp';
import { IDLE, type ActionState } from '@/lib/forms/action-state';
import type { CleanupResult } from '@/lib/retention/apply-cleanup';

/** The page's cleanup action: `{ dry_run }` in, as the admin API takes it. */
export type CleanupAction = (request: { dry_run: boolean }) => Promise<ActionState<CleanupResult>>;

/**
 * "Run cleanup now", dry run first: the real run is offered once a dry run has shown what it would
 * delete, and only when that is something.
 */
export function CleanupPanel({ canWrite, action }: { canWrite: boolean; action: CleanupAction }) {
  const [state, setState] = useState<ActionState<CleanupResult>>(IDLE);
  const [pending, startTransition] = useTransition();
  // Before hydration a click would do nothing.
  const hydrated = useHydrated();
  const disabled = !canWrite || pending || !hydrated;
  const run = (dryRun: boolean) => startTransition(async () => setState(await action({ dry_run: dryRun })));
  const result = state.status === 'ok' ? state.data : null;
  const expired = result?.tables.reduce((sum, t) => sum + t.expiredRows, 0) ?? 0;
  return (
    <section className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <h2 className="mb-1 text-lg font-semibold">Run cleanup now</h2>
      <p className="mb-3 text-sm text-zinc-500">Start with a dry run: it counts what would be deleted and changes nothing.</p>
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" onClick={() => run(true)} disabled={disabled} className={secondaryButtonClass}>
          Dry run
        </button>
        {result?.dryRun && expired > 0 && (
          <button type="button" onClick={() => run(false)} disabled={disabled} className={primaryButtonClass}>
            Delete expired rows now
          </button>
        )}
        {pending && <span className="text-sm text-zinc-500">Running…</span>}
      </div>
      <div className="mt-3">
        <FormMessage state={state} testId="cleanup-message" />
      </div>
      {result && (
        <div className="mt-3">
          <Table head={['Table', 'Keeps', 'Older than', result.dryRun ? 'Would delete' : 'Deleted']} testId="cleanup-result">
            {result.tables.map((t) => (
              <tr key={t.table}>
                <td className={`${cellClass} font-mono`}>{t.table}</td>
                <td className={`${cellClass} tabular-nums`}>{formatCount(t.retentionDays)} days</td>
                <td className={cellClass}>
                  <Timestamp iso={t.cutoff} inline />
                </td>
                <td className={`${cellClass} tabular-nums`}>
                  {t.skipped ? 'skipped (cleanup off)' : formatCount(result.dryRun ? t.expiredRows : t.deletedRows)}
                </td>
              </tr>
            ))}
          </Table>
        </div>
      )}
    </section>
  );
}
