'use client';

import { useRouter } from 'next/navigation';
import { inputClass } from '@/components/forms/styles';
import { hrefWith } from '@/lib/dashboard/search-params';

/** A select bound to one URL parameter: choosing pushes the new URL (shareable; back returns). */
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
  const router = useRouter();
  const id = `filter-${name}`;
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm text-zinc-600 dark:text-zinc-400">
        {label}
      </label>
      <select
        id={id}
        className={`${inputClass} py-1`}
        value={value ?? ''}
        onChange={(e) => router.push(hrefWith(pathname, params, { [name]: e.target.value || undefined }))}
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
