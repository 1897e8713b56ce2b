'use client';

import { useState } from 'react';
import { FormMessage } from '@/components/forms/FormMessage';
import { fieldErrorClass, inputClass, secondaryButtonClass } from '@/components/forms/styles';
import { useFormAction } from '@/components/forms/use-form-action';
import { formatCount } from '@/components/shell/format';
import { HOURLY_UP_TO_MS, MINUTE_ROLLUPS_KEPT_MS } from '@/lib/dashboard/time-range';
import type { FormAction } from '@/lib/forms/action-state';
import { KEPT_PAST_CUTOFF, isRetentionTable } from '@/lib/retention/tables';

export interface PolicyView {
  table: string;
  column: string;
  retentionDays: number;
  isActive: boolean;
  expiredRows: number;
  totalRows: number;
}

// Rollup rows a chart no longer finds are counted from the next finer rollup, in the end from raw metrics
// (lib/dashboard/window-parts.ts); the lines per tool, server and client have no finer source.
const FROM_RAW = 'it counts the older part of those charts from raw metrics, much slower on a large database';

/** What the dashboard reads from a table for how many days back, and what a shorter policy does to it. */
const CHART_WINDOWS: Record<string, { days: number; what: string; shorter: string }> = {
  metrics_hourly: { days: HOURLY_UP_TO_MS / 86_400_000, what: 'hourly rows for ranges up to', shorter: FROM_RAW },
  metrics_minutely: { days: MINUTE_ROLLUPS_KEPT_MS / 86_400_000, what: '1-minute rows for ranges within the last', shorter: FROM_RAW },
  metrics_5min: { days: MINUTE_ROLLUPS_KEPT_MS / 86_400_000, what: '5-minute rows for ranges within the last', shorter: FROM_RAW },
  metrics_dimension_hourly: {
    days: HOURLY_UP_TO_MS / 86_400_000,
    what: 'lines per tool, server and client for ranges up to',
    shorter: 'the older part of those lines is empty',
  },
};

/** What keeping `days` of `table` would cost the dashboard, said before saving; null when nothing. */
function retentionWarning(table: string, days: string): string | null {
  const n = Number(days);
  const window = CHART_WINDOWS[table];
  if (!window || !Number.isInteger(n) || n < 1 || n >= window.days) return null;
  return `The overview reads ${window.what} ${window.days} days: keeping ${n}, ${window.shorter}.`;
}

/** One table's policy as an editable row (`action`: its update, bound to the table by the page), with what a cleanup would delete from it now. */
export function PolicyForm({ policy, canWrite, action }: { policy: PolicyView; canWrite: boolean; action: FormAction }) {
  const { state, onSubmit, pending, busy } = useFormAction(action);
  const [days, setDays] = useState(String(policy.retentionDays));
  const error = state.status === 'error' ? (state.fields.retentionDays ?? state.fields.isActive) : undefined;
  const warning = retentionWarning(policy.table, days);
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
        {isRetentionTable(policy.table) && KEPT_PAST_CUTOFF[policy.table] && (
          <div className="text-xs text-zinc-500">keeps, whatever their age, {KEPT_PAST_CUTOFF[policy.table]}</div>
        )}
      </div>
      <fieldset disabled={!canWrite || busy} className="contents">
        <label className="flex flex-col gap-1 text-xs">
          <span className="sm:sr-only">Days</span>
          <input
            name="retentionDays"
            aria-label={`Days ${policy.table} keeps`}
            inputMode="numeric"
            value={days}
            onChange={(e) => setDays(e.target.value)}
            aria-invalid={error ? true : undefined}
            className={`${inputClass} w-28`}
          />
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="isActive" defaultChecked={policy.isActive} aria-label={`Cleanup of ${policy.table} on`} />
          <span>active</span>
        </label>
        <div data-testid={`expired-${policy.table}`} className="text-sm tabular-nums">
          {policy.isActive ? `${formatCount(policy.expiredRows)} of ${formatCount(policy.totalRows)} expired` : `off (${formatCount(policy.totalRows)} rows)`}
        </div>
        <button type="submit" className={secondaryButtonClass}>
          {pending ? 'Saving…' : 'Save'}
        </button>
      </fieldset>
      {warning && (
        <p data-testid={`warning-${policy.table}`} role="note" className="col-span-full text-xs text-amber-700 dark:text-amber-400">
          {warning}
        </p>
      )}
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
