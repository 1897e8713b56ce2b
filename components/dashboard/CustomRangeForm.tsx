'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { inputClass, secondaryButtonClass } from '@/components/forms/styles';
import { hrefWith } from '@/lib/dashboard/search-params';

/** From/to dates (UTC) of a custom range; applying it pushes a new URL, so the back button returns. */
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
  const router = useRouter();
  const [open, setOpen] = useState(active);
  const [dates, setDates] = useState({ from: from.slice(0, 10), to: new Date(new Date(to).getTime() - 1).toISOString().slice(0, 10) });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    router.push(hrefWith(pathname, params, { range: 'custom', from: dates.from, to: dates.to }));
  };
  if (!open) {
    return (
      <button
        type="button"
        className="rounded-md px-2.5 py-1 text-sm text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
        onClick={() => setOpen(true)}
      >
        Custom
      </button>
    );
  }
  return (
    <form onSubmit={apply} className="flex flex-wrap items-center gap-1" aria-label="Custom range">
      <label className="sr-only" htmlFor="range-from">
        From
      </label>
      <input
        id="range-from"
        type="date"
        required
        className={`${inputClass} py-1`}
        value={dates.from}
        onChange={(e) => setDates({ ...dates, from: e.target.value })}
      />
      <span className="text-zinc-500">–</span>
      <label className="sr-only" htmlFor="range-to">
        To
      </label>
      <input
        id="range-to"
        type="date"
        required
        className={`${inputClass} py-1`}
        value={dates.to}
        onChange={(e) => setDates({ ...dates, to: e.target.value })}
      />
      <button type="submit" className={secondaryButtonClass}>
        Apply
      </button>
    </form>
  );
}
