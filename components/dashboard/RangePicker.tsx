import Link from 'next/link';
import { hrefWith, plainParams, type SearchParamsInput } from '@/lib/dashboard/search-params';
import { RANGE_PRESETS, type RangePreset, type TimeRange } from '@/lib/dashboard/time-range';
import { CustomRangeForm } from './CustomRangeForm';

/** Presets are plain links (each range its own URL and history entry); "Custom" opens a from/to form. */
export function RangePicker({ pathname, params, range }: { pathname: string; params: SearchParamsInput; range: TimeRange }) {
  const item = 'rounded-md px-2.5 py-1 text-sm whitespace-nowrap';
  const current = 'bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900';
  const other = 'text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800';
  return (
    <div className="flex flex-wrap items-center gap-1" role="group" aria-label="Time range">
      {(Object.keys(RANGE_PRESETS) as RangePreset[]).map((preset) => (
        <Link
          key={preset}
          href={hrefWith(pathname, params, { range: preset, from: undefined, to: undefined })}
          aria-current={range.preset === preset ? 'true' : undefined}
          className={`${item} ${range.preset === preset ? current : other}`}
        >
          {RANGE_PRESETS[preset].label.replace('Last ', '')}
        </Link>
      ))}
      <CustomRangeForm
        pathname={pathname}
        params={plainParams(params)}
        active={range.preset === 'custom'}
        from={range.from.toISOString()}
        to={range.to.toISOString()}
      />
      <span className="ml-1 text-xs text-zinc-500 dark:text-zinc-400">{range.granularity === 'hour' ? 'hourly' : 'daily'} · UTC</span>
    </div>
  );
}
