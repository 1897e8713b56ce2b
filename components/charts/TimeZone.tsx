'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { TimeZonePreference } from '@/lib/preferences/validation';
import { formatBucket } from './format';

const TimeZoneContext = createContext<TimeZonePreference>('UTC');

/** The time zone the user chose for the charts (remembered per user), for every chart below. */
export function TimeZoneProvider({ timeZone, children }: { timeZone: TimeZonePreference; children: ReactNode }) {
  return <TimeZoneContext value={timeZone}>{children}</TimeZoneContext>;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** How the charts print a bucket key (UTC) in the chosen zone, and the zone's name for tooltips. */
export function useBucketFormat(): { format: (bucket: string) => string; zone: string } {
  const timeZone = useContext(TimeZoneContext);
  if (timeZone === 'UTC') return { format: formatBucket, zone: 'UTC' };
  // Day buckets stay dates: a UTC day does not map onto one local day.
  const format = (bucket: string) => {
    if (bucket.length === 10) return bucket;
    const at = new Date(`${bucket}${bucket.length === 13 ? ':00' : ''}:00Z`);
    return `${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
  };
  return { format, zone: Intl.DateTimeFormat().resolvedOptions().timeZone };
}
