import type { Sqlite } from '../../db/connection';
import { selectDiscoverySeries, selectResultsCountBands } from '../../db/queries/dashboard_views';
import { fillBuckets } from './fill-buckets';
import type { TimePointData } from './time-point';
import type { TimeRange } from './time-range';
import { viewWindow, type SpecializedView } from './view-window';

export interface DiscoveryView extends SpecializedView {
  totals: { queries: number; avgEmbeddingMs: number | null; avgSearchMs: number | null; avgResults: number | null };
  /** Mean embedding time and mean vector-search time per bucket (ms). */
  timing: TimePointData[];
  /** Mean results per query per bucket. */
  results: TimePointData[];
  resultsBands: { name: string; value: number }[];
}

const BANDS = ['0', '1-5', '6-10', '11-20', '21+', 'unknown'];

/** Weighted mean of per-bucket means (weights: the buckets' row counts); null when nothing was measured. */
function overallMean<B extends { count: number }>(buckets: readonly B[], read: (b: B) => number | null): number | null {
  let sum = 0;
  let weight = 0;
  for (const b of buckets) {
    const value = read(b);
    if (value !== null) (sum += value * b.count), (weight += b.count);
  }
  return weight ? sum / weight : null;
}

/** Embedding vs search time, results per query, from discovery_metrics. */
export function loadDiscoveryView(db: Sqlite, range: TimeRange, cap?: number): DiscoveryView {
  const { window, span } = viewWindow(range, cap);
  const series = selectDiscoverySeries(db, window);
  const queries = series.reduce((n, b) => n + b.count, 0);
  const bands = new Map(selectResultsCountBands(db, window).map((b) => [b.name, b.count]));
  const empty = (bucket: string): TimePointData => ({ bucket, values: {} });
  return {
    span,
    capped: queries >= window.cap,
    rowCap: window.cap,
    totals: {
      queries,
      avgEmbeddingMs: overallMean(series, (b) => b.avgEmbeddingMs),
      avgSearchMs: overallMean(series, (b) => b.avgSearchMs),
      avgResults: overallMean(series, (b) => b.avgResults),
    },
    timing: fillBuckets(span.keys, series.map((b) => ({ bucket: b.bucket, values: { embedding: b.avgEmbeddingMs, search: b.avgSearchMs } })), empty),
    results: fillBuckets(span.keys, series.map((b) => ({ bucket: b.bucket, values: { results: b.avgResults } })), empty),
    resultsBands: BANDS.filter((name) => bands.has(name)).map((name) => ({ name, value: bands.get(name)! })),
  };
}
