import type { Reader } from '../../db/client';
import { selectDimensionRows, type Dimension } from '../../db/queries/dimension-rollups';
import { addRollupRow, emptyTally, errorRatePct, mergeTally, type Tally } from './tally';
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

/** One read's share of a bucket of a series: its count, and what it adds to the bucket's tally. */
export interface SeriesPart {
  bucket: string;
  series: string;
  count: number;
  addTo(tally: Tally): void;
  /** The part's numbers as a tally of its own, which a line may use as it is while the part is its bucket's only one. */
  tally?: Tally;
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
export function breakdownLines(parts: readonly SeriesPart[], span: BucketSpan, split: Split, stat: LatencyStat): Breakdown {
  const totals = new Map<string, number>();
  for (const p of parts) totals.set(p.series, (totals.get(p.series) ?? 0) + p.count);
  for (const [name, total] of totals) if (total <= 0) totals.delete(name);
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
  const kept = ranked.slice(0, ranked.length > MAX_LINES ? MAX_LINES - 1 : MAX_LINES);
  const keptSet = new Set(kept);
  const series = ranked.length > kept.length ? [...kept, OTHER_LINE] : kept;
  const tallies = new Map<string, Tally>();
  // Tallies used as the parts gave them (no copy: per service and 5-minute bucket, some 1,700 of them a view),
  // copied before a second part is added.
  const borrowed = new Set<string>();
  for (const p of parts) {
    if (!totals.has(p.series)) continue;
    const id = `${p.bucket}\u0000${keptSet.has(p.series) ? p.series : OTHER_LINE}`;
    let tally = tallies.get(id);
    if (!tally && p.tally) {
      tallies.set(id, p.tally);
      borrowed.add(id);
      continue;
    }
    if (!tally) tallies.set(id, (tally = emptyTally()));
    else if (borrowed.delete(id)) tallies.set(id, (tally = mergeTally(emptyTally(), tally)));
    p.addTo(tally);
  }
  const point = (bucket: string, read: (t: Tally) => number | null): TimePointData => ({
    bucket,
    values: Object.fromEntries(series.map((s) => [s, ((t) => (t ? read(t) : null))(tallies.get(`${bucket}\u0000${s}`))])),
  });
  return {
    split,
    granularity: span.granularity,
    stat,
    series,
    latency: span.keys.map((b) => point(b, (t) => t.latency.quantile(QUANTILE[stat]))),
    errorRate: span.keys.map((b) => point(b, errorRatePct)),
  };
}

/** The hours of the span from metrics_dimension_hourly, one part per hour, service, type and value (whole hours: the edges are not cut). */
export async function dimensionParts(
  db: Reader,
  dimension: Dimension,
  span: BucketSpan,
  filter: { service?: string; metricTypes?: readonly string[] },
): Promise<SeriesPart[]> {
  const rows = await selectDimensionRows(db, { dimension, first: span.first, afterLast: span.afterLast, ...filter });
  return rows.map((row) => ({ bucket: row.bucket, series: row.value, count: row.count, addTo: (tally) => void addRollupRow(tally, row) }));
}
