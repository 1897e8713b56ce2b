'use client';

import type { FormEvent } from 'react';
import { inputClass, secondaryButtonClass } from '@/components/forms/styles';
import { hrefWith } from '@/lib/dashboard/search-params';
import { usePendingNavigation } from './PendingNavigation';

/** Text fields bound to URL parameters (an empty one removes its parameter); applying loads the new URL. */
export function TextFilters({
  pathname,
  params,
  fields,
}: {
  pathname: string;
  params: Record<string, string>;
  fields: { name: string; label: string; placeholder?: string }[];
}) {
  const { navigate } = usePendingNavigation();
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    navigate(hrefWith(pathname, params, Object.fromEntries(fields.map((f) => [f.name, String(data.get(f.name) ?? '').trim() || undefined]))));
  };
  return (
    // Keyed by the URL's values: back/forward show the fields of that view.
    <form
      key={fields.map((f) => params[f.name] ?? '').join('\u0000')}
      onSubmit={apply}
      className="flex flex-wrap items-end gap-2"
      aria-label="Dimension filters"
    >
      {fields.map((f) => (
        <label key={f.name} className="flex flex-col text-xs text-zinc-600 dark:text-zinc-400">
          {f.label}
          <input name={f.name} defaultValue={params[f.name] ?? ''} placeholder={f.placeholder} className={`${inputClass} w-40 py-1`} />
        </label>
      ))}
      <button type="submit" className={secondaryButtonClass}>
        Apply
      </button>
    </form>
  );
}
