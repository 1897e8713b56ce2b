import type { Reader } from '../../db/client';
import { selectDimensionRows, selectDimensionSignatures, type Dimension, type DimensionBucketRow } from '../../db/queries/dimension-rollups';
import { readBucketSums } from './bucket-sums';
import { groupRows } from './group-rows';
import { emptyTally, errorRatePct, keepTallies, mergeTally, tallyBytes, tallyOf, type Tally } from './tally';
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

/** A series' numbers in one bucket: one part per bucket and series. */
export interface SeriesPart {
  bucket: string;
  series: string;
  requests: number;
  /** Its numbers, never merged into (they may be kept: bucket-sums.ts); asked for the lines drawn only. */
  tally(): Tally;
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
  for (const p of parts) totals.set(p.series, (totals.get(p.series) ?? 0) + p.requests);
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
    byLine.set(p.series, p.tally());
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

/** One value's rows of an hour: what they count, and (once a line needed it) what they add up to. */
interface ValueRows {
  requests: number;
  rows: DimensionBucketRow[];
  tally?: Tally;
}

/** One hour's rows of a dimension by value, and all of them added up (kept by readBucketSums: never merged into). */
interface HourValues {
  values: Map<string, ValueRows>;
  total: Tally;
}

// A kept row's objects beyond its sketch text.
const ROW_BYTES = 200;

function hourValues(rows: readonly DimensionBucketRow[]): { sum: HourValues; bytes: number } {
  const values = new Map<string, ValueRows>();
  for (const [value, ofValue] of groupRows(rows, (row) => row.value))
    values.set(value, { requests: ofValue.reduce((n, row) => n + row.count, 0), rows: ofValue });
  const [total] = keepTallies(tallyOf(rows));
  const bytes = rows.reduce((n, row) => n + ROW_BYTES + (row.durationSketch?.length ?? 0), tallyBytes(total));
  return { sum: { values, total }, bytes };
}

/**
 * The hours of the span from metrics_dimension_hourly, one part per hour and value (whole hours: the edges are
 * not cut), kept while each hour's rows stay the same (bucket-sums.ts) with their total: a 7 d view by tool
 * reads ~7,000 rows, of which only the lines drawn (7 values an hour) are added up a second time, once.
 */
export async function dimensionParts(
  db: Reader,
  dimension: Dimension,
  span: BucketSpan,
  filter: { service?: string; metricTypes?: readonly string[] },
): Promise<SeriesParts> {
  const read = (first: string, afterLast: string) => ({ dimension, first, afterLast, ...filter });
  const hours = await readBucketSums(db, {
    source: dimension,
    filter,
    keys: span.keys,
    afterLast: span.afterLast,
    rows: (first, afterLast) => selectDimensionRows(db, read(first, afterLast)),
    signatures: () => selectDimensionSignatures(db, read(span.first, span.afterLast)),
    sum: hourValues,
  });
  const parts = [...hours].flatMap(([bucket, { values }]) =>
    [...values].map(([series, value]) => ({ bucket, series, requests: value.requests, tally: () => (value.tally ??= keepTallies(tallyOf(value.rows))[0]) })),
  );
  return { parts, totals: new Map([...hours].map(([bucket, { total }]) => [bucket, total])) };
}
