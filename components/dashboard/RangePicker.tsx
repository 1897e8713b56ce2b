'use client';

import { hrefWith } from '@/lib/dashboard/search-params';
import { GRANULARITY_NAMES, RANGE_PRESETS, type Granularity, type RangePreset } from '@/lib/dashboard/time-range';
import { CustomRangeForm } from './CustomRangeForm';
import { ViewLink } from './PendingNavigation';

const minute = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** `2026-03-10 13:25 – 14:25 UTC`, or with both dates when the window spans midnight. */
export function windowLabel(fromIso: string, toIso: string): string {
  const [from, to] = [minute(fromIso), minute(toIso)];
  return `${from} – ${from.slice(0, 10) === to.slice(0, 10) ? to.slice(11) : to} UTC`;
}

/**
 * Presets are links (each range its own URL and history entry); "Custom" opens a from/to form. Below,
 * the exact window every page of the dashboard counts, said once for all of them.
 */
export function RangePicker({
  pathname,
  params,
  preset,
  from,
  to,
  granularity,
}: {
  pathname: string;
  params: Record<string, string>;
  preset: RangePreset | 'custom';
  from: string;
  to: string;
  granularity: Granularity;
}) {
  const names = GRANULARITY_NAMES[granularity];
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center gap-1" role="group" aria-label="Time range">
        {(Object.keys(RANGE_PRESETS) as RangePreset[]).map((p) => (
          <ViewLink
            key={p}
            href={hrefWith(pathname, params, { range: p, from: undefined, to: undefined })}
            current={preset === p}
            className="rounded-md px-2.5 py-1 text-sm whitespace-nowrap"
            selectedClassName="bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900"
            otherClassName="text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
          >
            {RANGE_PRESETS[p].label.replace('Last ', '')}
          </ViewLink>
        ))}
        <CustomRangeForm pathname={pathname} params={params} active={preset === 'custom'} from={from} to={to} />
        <span className="ml-1 text-xs text-zinc-500 dark:text-zinc-400">{names.resolution} · UTC</span>
      </div>
      <p data-testid="range-window" className="text-xs text-zinc-500 dark:text-zinc-400">
        Exactly {windowLabel(from, to)}, on every page; the first and last bars hold only the part of their {names.per} inside it.
      </p>
    </div>
  );
}
