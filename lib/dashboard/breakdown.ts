import type { Reader } from '../../db/client';
import {
  selectDimensionRanking,
  selectDimensionRows,
  selectDimensionSignatures,
  TOTAL_VALUE,
  type Dimension,
  type DimensionBucketRow,
} from '../../db/queries/dimension-rollups';
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
  /** Its numbers, never merged into (they may be kept: bucket-sums.ts). */
  tally: Tally;
}

/** What lines are drawn from: the series by their requests, each bucket's parts, and each bucket's total over every series. */
export interface SeriesParts {
  /** Every series with requests in the span, the busiest first (rankSeries). */
  ranked: readonly string[];
  /** At least those of the lines drawn (linesDrawn). */
  parts: readonly SeriesPart[];
  /** Needed where series fold into OTHER_LINE: it is a bucket's total less its lines drawn. */
  totals: ReadonlyMap<string, Tally>;
}

/** Series by the requests counted under them, the busiest first (ties by name); those adding up to nothing left out. */
export function rankSeries(requests: Iterable<readonly [string, number]>): string[] {
  const totals = new Map<string, number>();
  for (const [name, count] of requests) totals.set(name, (totals.get(name) ?? 0) + count);
  return [...totals]
    .filter(([, total]) => total > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name]) => name);
}

/** The series drawn as lines of their own: the MAX_LINES - 1 busiest (MAX_LINES when that is all), the rest fold into OTHER_LINE. */
export const linesDrawn = (ranked: readonly string[]) => ranked.slice(0, ranked.length > MAX_LINES ? MAX_LINES - 1 : MAX_LINES);

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

/** Latency (the chosen quantile) and error-rate lines per series drawn and OTHER_LINE, one point per bucket of the span (null: no metric). */
export function breakdownLines({ ranked, parts, totals }: SeriesParts, span: BucketSpan, split: Split, stat: LatencyStat): Breakdown {
  const kept = linesDrawn(ranked);
  const keptSet = new Set(kept);
  const series = ranked.length > kept.length ? [...kept, OTHER_LINE] : kept;
  const lines = new Map<string, Map<string, Tally>>();
  for (const p of parts) {
    if (!keptSet.has(p.series)) continue;
    let byLine = lines.get(p.bucket);
    if (!byLine) lines.set(p.bucket, (byLine = new Map()));
    byLine.set(p.series, p.tally);
  }
  // "other" is the bucket's total less its lines drawn: a 7 d view by tool folds some 40 values an hour into it,
  // and merging their sketches one by one was a third of its time (bench:dashboard, PostgreSQL, 10 M metrics).
  if (series.length > kept.length) {
    for (const [bucket, total] of totals) {
      const byLine = lines.get(bucket) ?? new Map<string, Tally>();
      const other = mergeTally(emptyTally(), total);
      for (const tally of byLine.values()) mergeTally(other, tally, -1);
      // No point where nothing is left over, nor where a total is behind its rows (an instance without migration
      // 0016 wrote into the hour during a rolling upgrade, and nothing since: lib/rollups/dimension-rollups.ts).
      if (other.requests > 0) byLine.set(OTHER_LINE, other);
      lines.set(bucket, byLine);
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

/** One hour's rows of the values read, added up by value (kept by readBucketSums: never merged into). */
function hourTallies(rows: readonly DimensionBucketRow[]): { sum: Map<string, Tally>; bytes: number } {
  const byValue = groupRows(rows, (row) => row.value);
  const tallies = keepTallies(...[...byValue.values()].map(tallyOf));
  return { sum: new Map([...byValue.keys()].map((value, i) => [value, tallies[i]])), bytes: tallies.reduce((n, t) => n + tallyBytes(t), 0) };
}

/**
 * The hours of the span from metrics_dimension_hourly (whole hours: the edges are not cut): the values ranked
 * in SQL, then the rows of the lines drawn and, where the rest fold into "other", the hours' totals (migration
 * 0016), kept by hour while those rows stay the same (bucket-sums.ts). A 7 d view by tool at 10 M metrics
 * (bench:dashboard) thus reads 1,689 rows instead of 6,929 (the values not drawn were three quarters of them):
 * 16 ms instead of 37 on SQLite, where reading and adding up every row had been most of its time.
 */
export async function dimensionParts(
  db: Reader,
  dimension: Dimension,
  span: BucketSpan,
  filter: { service?: string; metricTypes?: readonly string[] },
): Promise<SeriesParts> {
  const bounds = { dimension, first: span.first, afterLast: span.afterLast, ...filter };
  const ranked = rankSeries((await selectDimensionRanking(db, bounds)).map(({ value, requests }) => [value, requests] as const));
  const drawn = linesDrawn(ranked);
  const folds = ranked.length > drawn.length;
  const values = folds ? [...drawn, TOTAL_VALUE] : drawn;
  if (values.length === 0) return { ranked, parts: [], totals: new Map() };
  const read = (first: string, afterLast: string) => ({ ...bounds, first, afterLast, values });
  const hours = await readBucketSums(db, {
    // Sums kept are of these values' rows: another set of lines (another range, new traffic) reads its own.
    source: [dimension, ...values].join('\u0001'),
    filter,
    keys: span.keys,
    afterLast: span.afterLast,
    rows: (first, afterLast) => selectDimensionRows(db, read(first, afterLast)),
    signatures: () => selectDimensionSignatures(db, read(span.first, span.afterLast)),
    sum: hourTallies,
  });
  const parts: SeriesPart[] = [];
  const totals = new Map<string, Tally>();
  for (const [bucket, tallies] of hours) {
    for (const [value, tally] of tallies) {
      if (value === TOTAL_VALUE) totals.set(bucket, tally);
      else parts.push({ bucket, series: value, tally });
    }
  }
  return { ranked, parts, totals };
}
