'use client';

import { useState, type FormEvent } from 'react';
import { inputClass, secondaryButtonClass } from '@/components/forms/styles';
import { useHydrated } from '@/components/forms/use-hydrated';
import { hrefWith } from '@/lib/dashboard/search-params';
import { usePendingNavigation } from './PendingNavigation';

const DAY_MS = 86_400_000;

/** A range end as the form shows it: a date, and a time unless it is midnight (a whole day). */
function split(iso: string): { date: string; time: string } {
  const time = iso.slice(11, 16);
  return { date: iso.slice(0, 10), time: time === '00:00' ? '' : time };
}

/** `to` at midnight is the end of the day before (a `to` date includes its day). */
function splitEnd(iso: string): { date: string; time: string } {
  const end = split(iso);
  return end.time ? end : { date: new Date(new Date(iso).getTime() - DAY_MS).toISOString().slice(0, 10), time: '' };
}

/** From/to dates with optional times (UTC) of a custom range; applying it loads a new URL, so the back button returns. */
export function CustomRangeForm({
  pathname,
  params,
  active,
  from,
  to,
}: {
  pathname: string;
  params: Record<string, string>;
  active: boolean;
  from: string;
  to: string;
}) {
  const { navigate } = usePendingNavigation();
  // Before hydration "Custom" would not open and "Apply" would be the browser's own GET of the fields.
  const hydrated = useHydrated();
  const [open, setOpen] = useState(active);
  // Opened from a preset it proposes the whole days that preset touches; an open custom range shows its own times.
  const [range, setRange] = useState(
    active ? { from: split(from), to: splitEnd(to) } : { from: { date: from.slice(0, 10), time: '' }, to: { date: to.slice(0, 10), time: '' } },
  );
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const value = ({ date, time }: { date: string; time: string }) => (time ? `${date}T${time}` : date);
    navigate(hrefWith(pathname, params, { range: 'custom', from: value(range.from), to: value(range.to) }));
  };
  if (!open) {
    return (
      <button
        type="button"
        disabled={!hydrated}
        className="rounded-md px-2.5 py-1 text-sm text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
        onClick={() => setOpen(true)}
      >
        Custom
      </button>
    );
  }
  const field = (end: 'from' | 'to', part: 'date' | 'time', label: string) => (
    <>
      <label className="sr-only" htmlFor={`range-${end}-${part}`}>
        {label}
      </label>
      <input
        id={`range-${end}-${part}`}
        type={part}
        required={part === 'date'}
        title={part === 'time' ? 'optional: blank means the whole day' : undefined}
        className={`${inputClass} py-1`}
        value={range[end][part]}
        onChange={(e) => setRange({ ...range, [end]: { ...range[end], [part]: e.target.value } })}
      />
    </>
  );
  return (
    <form onSubmit={apply} className="flex flex-wrap items-center gap-1" aria-label="Custom range">
      {field('from', 'date', 'From')}
      {field('from', 'time', 'From time')}
      <span className="text-zinc-500">–</span>
      {field('to', 'date', 'To')}
      {field('to', 'time', 'To time')}
      <button type="submit" disabled={!hydrated} className={secondaryButtonClass}>
        Apply
      </button>
      <span className="text-xs text-zinc-500 dark:text-zinc-400">times optional (UTC); a date alone is the whole day</span>
    </form>
  );
}
