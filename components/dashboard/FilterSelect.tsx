'use client';

import { inputClass } from '@/components/forms/styles';
import { useHydrated } from '@/components/forms/use-hydrated';
import { hrefWith } from '@/lib/dashboard/search-params';
import { usePendingNavigation } from './PendingNavigation';

/** A select bound to one URL parameter: choosing loads the new URL (shareable; back returns). */
export function FilterSelect({
  pathname,
  params,
  name,
  label,
  value,
  options,
  allLabel,
}: {
  pathname: string;
  params: Record<string, string>;
  name: string;
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  /** The choice that removes the parameter; without it the select always holds one of the options. */
  allLabel?: string;
}) {
  const { navigate } = usePendingNavigation();
  // Disabled until hydrated: a choice made before that changes the select but loads nothing (CI caught it).
  const hydrated = useHydrated();
  const id = `filter-${name}`;
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm text-zinc-600 dark:text-zinc-400">
        {label}
      </label>
      {/* Uncontrolled, keyed by the URL's value: the choice stays shown while its view loads, and follows back/forward. */}
      <select
        key={value ?? ''}
        id={id}
        className={`${inputClass} max-w-56 py-1`}
        defaultValue={value ?? ''}
        disabled={!hydrated}
        onChange={(e) => navigate(hrefWith(pathname, params, { [name]: e.target.value || undefined }))}
      >
        {allLabel !== undefined && <option value="">{allLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
