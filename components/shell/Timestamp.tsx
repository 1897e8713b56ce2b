import { formatTimestamp } from './format';

/** A UTC timestamp on two short lines (date, then time), so that a table column stays narrow. */
export function Timestamp({ iso }: { iso: string | null | undefined }) {
  const text = formatTimestamp(iso);
  if (text === '—') return <>—</>;
  const [date, time] = text.split(' ');
  return (
    <time dateTime={iso ?? undefined} title={text} className="whitespace-nowrap">
      {date}
      <span className="block text-xs text-zinc-500 dark:text-zinc-400">{time?.slice(0, 5)} UTC</span>
    </time>
  );
}
