'use client';

import { useDisplayZone } from './DisplayZone';
import { zonedTime } from './format';

/**
 * A stored time as every page shows it: in the zone the user chose (UTC or the browser's), the zone named.
 * On two short lines (the date, then the time and zone) so that a table column stays narrow, or `inline` on
 * one; the zone's full name shows on hover. Text that is no time (a bare date) is shown as it is.
 */
export function Timestamp({ iso, inline = false }: { iso: string | null | undefined; inline?: boolean }) {
  const timeZone = useDisplayZone();
  if (!iso) return <>—</>;
  const shown = zonedTime(iso, timeZone);
  if (!shown) return <>{iso}</>;
  const full = `${shown.date} ${shown.time} ${shown.zone}`;
  return (
    <time dateTime={shown.iso} title={timeZone === 'UTC' ? full : `${full} (${timeZone})`} className="whitespace-nowrap">
      {inline ? (
        full
      ) : (
        <>
          {shown.date}
          <span className="block text-xs text-zinc-500 dark:text-zinc-400">
            {shown.time} {shown.zone}
          </span>
        </>
      )}
    </time>
  );
}
