import type { Reader } from '../../db/client';
import { selectDimensionRows, selectDimensionSignatures, type Dimension, type DimensionBucketRow } from '../../db/queries/dimension-rollups';
import { readBucketSums } from './bucket-sums';
import { emptyTally, errorRatePct, keptTalliesBy, mergeTally, type Tally } from './tally';
import type { BucketSpan } from './buckets';
import type { TimePointData } from './time-point';
import type { Granularity } from './time-range';

/** What the latency and error lines are split by: services from the rollups, tools/servers/clients from the dimension rollups. */
export const SPLITS = ['service', 'tool', 'server', 'client'] as const;
export type Split = (typeof SPLITS)[number];
export const STATS = ['p50', 'p95', 'p99'] as const;
export type LatencyStat = (typeof STATS)[number];
const QUANTILE: Record<LatencyStat, number> = { p50: 0.5, p95: 0.95, p99: 0.99 };

/** More lines than this make an unreadable chart; the quietest fold into "other" (their numbers merged, not averaged). */
export const MAX_LINES = 8;
export const OTHER_LINE = 'other';

/** A series' numbers in one bucket: one part per bucket and series, never merged into (it may be a kept sum). */
export interface SeriesPart {
  bucket: string;
  series: string;
  tally: Tally;
}

/** What lines are drawn from: each bucket's parts, and each bucket's total over every series. */
export interface SeriesParts {
  parts: readonly SeriesPart[];
  totals: ReadonlyMap<string, Tally>;
}

export interface Breakdown {
  split: Split;
  /** The lines' buckets: the chart's, or hours for lines per tool, server or client (kept by the hour). */
  granularity: Granularity;
  stat: LatencyStat;
  /** Biggest first; OTHER_LINE last when some series were folded. */
  series: string[];
  latency: TimePointData[];
  errorRate: TimePointData[];
  /** Why there are no lines (a split the range cannot offer), when so. */
  unavailable?: string;
}

/**
 * Latency (the chosen quantile) and error-rate lines per series: the MAX_LINES - 1 busiest series (MAX_LINES
 * when that is all), the rest merged into OTHER_LINE, one point per bucket of the span (null: no metric).
 */
export function breakdownLines({ parts, totals: bucketTotals }: SeriesParts, span: BucketSpan, split: Split, stat: LatencyStat): Breakdown {
  const totals = new Map<string, number>();
  for (const p of parts) totals.set(p.series, (totals.get(p.series) ?? 0) + p.tally.requests);
  for (const [name, total] of totals) if (total <= 0) totals.delete(name);
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
  const kept = ranked.slice(0, ranked.length > MAX_LINES ? MAX_LINES - 1 : MAX_LINES);
  const keptSet = new Set(kept);
  const series = ranked.length > kept.length ? [...kept, OTHER_LINE] : kept;
  const lines = new Map<string, Map<string, Tally>>();
  for (const p of parts) {
    if (!keptSet.has(p.series)) continue;
    let byLine = lines.get(p.bucket);
    if (!byLine) lines.set(p.bucket, (byLine = new Map()));
    byLine.set(p.series, p.tally);
  }
  // "other" is the bucket's total less its kept lines: a 7 d view by tool folds some 40 values an hour into it,
  // and merging their sketches one by one was a third of its time (bench:dashboard, PostgreSQL, 10 M metrics).
  if (series.length > kept.length) {
    for (const [bucket, total] of bucketTotals) {
      const byLine = lines.get(bucket) ?? new Map<string, Tally>();
      const other = mergeTally(emptyTally(), total);
      for (const tally of byLine.values()) mergeTally(other, tally, -1);
      lines.set(bucket, byLine.set(OTHER_LINE, other));
    }
  }
  const point = (bucket: string, read: (t: Tally) => number | null): TimePointData => {
    const byLine = lines.get(bucket);
    return { bucket, values: Object.fromEntries(series.map((s) => [s, ((t) => (t ? read(t) : null))(byLine?.get(s))])) };
  };
  return {
    split,
    granularity: span.granularity,
    stat,
    series,
    latency: span.keys.map((b) => point(b, (t) => t.latency.quantile(QUANTILE[stat]))),
    errorRate: span.keys.map((b) => point(b, errorRatePct)),
  };
}

/** One hour's rows of a dimension added up per value and in all (kept by readBucketSums: never merged into). */
function valueTallies(rows: readonly DimensionBucketRow[]): { sum: { values: Map<string, Tally>; total: Tally }; slots: number } {
  const { byKey, total, slots } = keptTalliesBy(rows, (row) => row.value);
  return { sum: { values: byKey, total }, slots };
}

/**
 * The hours of the span from metrics_dimension_hourly, one part per hour and value (whole hours: the edges are
 * not cut), each hour's values added up once and kept while its rows stay the same (bucket-sums.ts): lines per
 * tool over 7 days merge some 7,000 rows' sketches.
 */
export async function dimensionParts(
  db: Reader,
  dimension: Dimension,
  span: BucketSpan,
  filter: { service?: string; metricTypes?: readonly string[] },
): Promise<SeriesParts> {
  const read = (first: string, afterLast: string) => ({ dimension, first, afterLast, ...filter });
  const hours = await readBucketSums(db, {
    name: `${dimension} ${filter.service ?? '*'} ${filter.metricTypes?.join(',') ?? '*'}`,
    keys: span.keys,
    afterLast: span.afterLast,
    rows: (first, afterLast) => selectDimensionRows(db, read(first, afterLast)),
    signatures: () => selectDimensionSignatures(db, read(span.first, span.afterLast)),
    sum: valueTallies,
  });
  const parts = [...hours].flatMap(([bucket, { values }]) => [...values].map(([series, tally]) => ({ bucket, series, tally })));
  return { parts, totals: new Map([...hours].map(([bucket, { total }]) => [bucket, total])) };
}
