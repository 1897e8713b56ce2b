import type { Reader } from '../../db/client';
import type { AlertCondition } from '../../db/queries/alerts';
import { listAlertRules } from '../alerts/list-rules';
import { listAnnotations } from '../annotations/list-annotations';
import { bucketKey } from './buckets';
import type { Granularity, TimeRange } from './time-range';

/** A vertical marker of the time charts, at the bucket its annotations fall in. */
export interface ChartMarker {
  bucket: string;
  /** Every annotation of that bucket, oldest first, one a line. */
  label: string;
}

/** A horizontal line at an alert rule's threshold. */
export interface ChartThreshold {
  value: number;
  label: string;
}

/** Markers drawn per chart bucket: the annotations of a bucket share one (its tooltip lists them). */
export const MAX_MARKER_ANNOTATIONS = 100;

/** The annotations of the range (a service's own and every admin action) as one marker per chart bucket. */
export async function loadChartMarkers(db: Reader, range: TimeRange, service?: string): Promise<ChartMarker[]> {
  const annotations = await listAnnotations(db, { from: range.from, to: range.to, service, limit: MAX_MARKER_ANNOTATIONS });
  return markersByBucket(annotations, range.granularity);
}

export function markersByBucket(annotations: readonly { at: string; text: string }[], granularity: Granularity): ChartMarker[] {
  const byBucket = new Map<string, string[]>();
  for (const a of annotations) {
    const bucket = bucketKey(new Date(a.at), granularity);
    byBucket.set(bucket, [...(byBucket.get(bucket) ?? []), `${a.at.slice(11, 16)} ${a.text}`]);
  }
  return [...byBucket].map(([bucket, lines]) => ({ bucket, label: lines.join('\n') }));
}

export type ThresholdsByCondition = Record<AlertCondition, ChartThreshold[]>;

/**
 * The thresholds of the enabled alert rules that watch what a chart shows: a rule of the page's service
 * (any, without a service filter) and of one of the metric types it counts.
 */
export async function loadThresholds(db: Reader, filter: { service?: string; metricTypes?: readonly string[] }): Promise<ThresholdsByCondition> {
  const rules = (await listAlertRules(db)).filter(
    (r) => r.enabled && (filter.service === undefined || r.service === filter.service) && (filter.metricTypes?.includes(r.metricType) ?? true),
  );
  const of = (condition: AlertCondition) =>
    rules
      .filter((r) => r.condition === condition)
      .map((r) => ({ value: r.threshold, label: `${r.name} (${r.service}) ${r.state === 'firing' ? '🔥' : ''}`.trim() }));
  return { error_rate_pct: of('error_rate_pct'), p95_ms: of('p95_ms') };
}
