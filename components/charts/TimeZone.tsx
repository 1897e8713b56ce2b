'use client';

import { useDisplayZone } from '@/components/shell/DisplayZone';
import { zonedTime } from '@/components/shell/format';
import { bucketTime } from '@/lib/dashboard/buckets';
import { formatBucket } from './format';

/**
 * How the charts print a bucket key (UTC) in the zone the page shows times in: `format` for the axis,
 * `label` with the zone named (its offset at that bucket) for tooltips.
 */
export function useBucketFormat(): { format: (bucket: string) => string; label: (bucket: string) => string } {
  const timeZone = useDisplayZone();
  if (timeZone === 'UTC') return { format: formatBucket, label: (bucket) => `${formatBucket(bucket)} UTC` };
  const zoned = (bucket: string) => zonedTime(bucketTime(bucket).toISOString(), timeZone)!;
  // Day buckets stay dates: a UTC day does not map onto one local day.
  const format = (bucket: string) => {
    if (bucket.length === 10) return bucket;
    const { date, time } = zoned(bucket);
    return `${date.slice(5)} ${time.slice(0, 5)}`;
  };
  return { format, label: (bucket) => (bucket.length === 10 ? `${bucket} UTC` : `${format(bucket)} ${zoned(bucket).zone}`) };
}
