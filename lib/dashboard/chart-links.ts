import { bucketTime } from './buckets';
import { hrefWith, type SearchParamsInput } from './search-params';

/** The window a chart page counts and the length of its buckets: what a click or a drag on its charts names. */
export interface ChartWindow {
  from: string;
  to: string;
  stepMs: number;
}

/** An instant as a custom range's `from`/`to` takes it: UTC without the zone, seconds and milliseconds only when set. */
export const urlTime = (at: Date) =>
  at
    .toISOString()
    .slice(0, 23)
    .replace(/(:00)?\.000$/, '');

/** The part of the window that buckets `first` through `last` cover (the edge buckets hold only their part of it). */
export function bucketsWindow(first: string, last: string, window: ChartWindow): { from: string; to: string } {
  const [a, b] = first <= last ? [first, last] : [last, first];
  const from = Math.max(bucketTime(a).getTime(), Date.parse(window.from));
  const to = Math.min(bucketTime(b).getTime() + window.stepMs, Date.parse(window.to));
  return { from: urlTime(new Date(from)), to: urlTime(new Date(Math.max(to, from + 1))) };
}

/** The Explorer showing the raw metrics behind buckets `first`..`last` of a chart, with the page's and the series' filters. */
export function explorerHref(filters: Record<string, string | undefined>, bounds: { from: string; to: string }): string {
  return hrefWith('/explorer', {}, { ...filters, range: 'custom', from: bounds.from, to: bounds.to });
}

/** The same page zoomed into buckets `first`..`last` (a custom range; the other parameters stay). */
export function zoomHref(pathname: string, params: SearchParamsInput, first: string, last: string, window: ChartWindow): string {
  return hrefWith(pathname, params, { range: 'custom', ...bucketsWindow(first, last, window) });
}

// `hide=requests.auth-server,durations.p99`: a chart's id, a dot, a series key (service and metric type
// names never hold a dot or a comma: lib/ingest/validation.ts SERVICE_PATTERN).
const entries = (hide: string | undefined) => (hide ? hide.split(',').filter(Boolean) : []);

/** The series of chart `chart` the URL hides. */
export const hiddenSeries = (hide: string | undefined, chart: string): Set<string> =>
  new Set(
    entries(hide)
      .filter((e) => e.startsWith(`${chart}.`))
      .map((e) => e.slice(chart.length + 1)),
  );

/** The page with series `key` of chart `chart` shown again if hidden, hidden if shown. */
export function toggleSeriesHref(pathname: string, params: Record<string, string>, chart: string, key: string): string {
  const entry = `${chart}.${key}`;
  const current = entries(params.hide);
  const next = current.includes(entry) ? current.filter((e) => e !== entry) : [...current, entry];
  return hrefWith(pathname, params, { hide: next.join(',') || undefined });
}
