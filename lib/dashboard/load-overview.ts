import type { Reader } from '../../db/client';
import { anyRollupExists, selectRawRollupInputs, selectRollupRows, type RawFilter } from '../../db/queries/dashboard';
import { breakdownLines, dimensionParts, type Breakdown, type LatencyStat, type SeriesPart, type Split } from './breakdown';
import { selectMinuteRollupRows } from '../../db/queries/minute-rollups';
import { bucketKey, bucketSpan, enclosingBucket, type BucketSpan } from './buckets';
import { fillBuckets } from './fill-buckets';
import { loadFilterChoices, type FilterChoices } from './filter-choices';
import { kpiChange, type Kpi } from './kpi-change';
import { addRawInput, addRollupRow, durationStats, emptyTally, errorRatePct, mergeTally, type DurationStats, type Tally } from './tally';
import type { Granularity, TimeRange } from './time-range';
import { metricTypesOf, type TypeFilter } from './type-filter';
import { previousWindow, windowParts } from './window-parts';

export type GroupBy = 'service' | 'type';

export interface OverviewQuery {
  range: TimeRange;
  service?: string;
  /** Which metric types count (default: every type). */
  type?: TypeFilter;
  groupBy: GroupBy;
  /** The latency and error lines: split by what (default service), and which quantile (default p95). */
  split?: Split;
  stat?: LatencyStat;
}

/** A bucket of the stacked request chart: request count per series (service or metric type). */
export interface RequestPoint {
  bucket: string;
  values: Record<string, number>;
}

export type DurationPoint = { bucket: string } & DurationStats;

export interface Overview {
  span: BucketSpan;
  kpis: { requests: Kpi; errorRatePct: Kpi; avgDurationMs: Kpi; p95DurationMs: Kpi };
  requests: { series: string[]; points: RequestPoint[] };
  durations: DurationPoint[];
  /** Latency and error rate per service, tool, server or client over time. */
  breakdown: Breakdown;
  filterChoices: FilterChoices;
  /** No metric was ever rolled up (as opposed to none in this range). */
  neverReceived: boolean;
}

/** More stacked series than this make an unreadable chart; the smallest fold into "other". */
export const MAX_SERIES = 8;
export const OTHER_SERIES = 'other';

/** What one read adds to a chart bucket (or, signed -1, takes out of it): its numbers, and its count under its series. */
interface Counted {
  bucket: string;
  series: string;
  service: string;
  count: number;
  addTo(tally: Tally): void;
}

/** Reads of one page load, so that a stretch two windows share (the hour between them) is read once. */
type Reads = Map<string, Promise<unknown[]>>;
const once = <R>(reads: Reads, key: string, read: () => Promise<R[]>) => {
  if (!reads.has(key)) reads.set(key, read());
  return reads.get(key) as Promise<R[]>;
};

/**
 * Everything inside [from, to), exactly: rollup rows of whole minutes, 5 minutes, hours and days, raw metrics
 * at the edges (window-parts.ts), each put in the chart bucket it falls in.
 */
async function readWindow(db: Reader, reads: Reads, from: Date, to: Date, granularity: Granularity, now: Date, query: OverviewQuery): Promise<Counted[]> {
  const filter = { service: query.service, metricTypes: metricTypesOf(query.type ?? 'all') };
  const seriesOf = (row: { service: string; metricType: string }) => (query.groupBy === 'service' ? row.service : row.metricType);
  const counted = windowParts(from, to, granularity, now).map(async ({ source, from: start, to: end, sign }): Promise<Counted[]> => {
    const key = `${source} ${start.toISOString()} ${end.toISOString()}`;
    if (source === 'raw') {
      const raw: RawFilter = { ...filter, from: start.toISOString(), to: end.toISOString() };
      return (await once(reads, key, () => selectRawRollupInputs(db, raw))).map((input) => ({
        bucket: enclosingBucket(input.minute, granularity),
        series: seriesOf(input),
        service: input.service,
        count: sign,
        addTo: (tally) => void addRawInput(tally, input, sign),
      }));
    }
    const bounds = { first: bucketKey(start, source), afterLast: bucketKey(end, source) };
    const read =
      source === 'minute' || source === '5min'
        ? () => selectMinuteRollupRows(db, { ...filter, ...bounds, minutes: source === 'minute' ? 1 : 5 })
        : () => selectRollupRows(db, { ...filter, ...bounds, granularity: source });
    return (await once(reads, key, read)).map((row) => ({
      bucket: enclosingBucket(row.bucket, granularity),
      series: seriesOf(row),
      service: row.service,
      count: sign * (row.count ?? 0),
      addTo: (tally) => void addRollupRow(tally, row, sign),
    }));
  });
  return (await Promise.all(counted)).flat();
}

function topSeries(totals: Map<string, number>): Set<string> {
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return new Set(ranked.slice(0, totals.size > MAX_SERIES ? MAX_SERIES - 1 : MAX_SERIES).map(([name]) => name));
}

function requestSeries(counted: Counted[], span: BucketSpan): Overview['requests'] {
  const totals = new Map<string, number>();
  for (const c of counted) totals.set(c.series, (totals.get(c.series) ?? 0) + c.count);
  // A series can add up to nothing: a rollup row minus the part of its hour outside the window.
  for (const [name, total] of totals) if (total <= 0) totals.delete(name);
  const kept = topSeries(totals);
  const byBucket = new Map<string, RequestPoint>();
  for (const c of counted) {
    if (!totals.has(c.series)) continue;
    const name = kept.has(c.series) ? c.series : OTHER_SERIES;
    let point = byBucket.get(c.bucket);
    if (!point) byBucket.set(c.bucket, (point = { bucket: c.bucket, values: {} }));
    point.values[name] = (point.values[name] ?? 0) + c.count;
  }
  for (const point of byBucket.values()) for (const name in point.values) if (point.values[name] === 0) delete point.values[name];
  const series = [...kept].sort((a, b) => totals.get(b)! - totals.get(a)!);
  if (totals.size > kept.size) series.push(OTHER_SERIES);
  return { series, points: fillBuckets(span.keys, byBucket.values(), (bucket) => ({ bucket, values: {} })) };
}

interface DimensionLines {
  span: BucketSpan;
  parts: SeriesPart[];
}

/** Lines per tool, server or client come from metrics_dimension_hourly: by the hour, on charts of minutes too; none on daily charts. */
async function readDimensionLines(db: Reader, query: OverviewQuery, span: BucketSpan): Promise<DimensionLines | undefined> {
  const { split } = query;
  if (split === undefined || split === 'service' || span.granularity === 'day') return undefined;
  const hours = span.granularity === 'hour' ? span : bucketSpan({ ...query.range, granularity: 'hour' });
  const parts = await dimensionParts(db, split, hours, { service: query.service, metricTypes: metricTypesOf(query.type ?? 'all') });
  return { span: hours, parts };
}

/** A bucket's numbers for one service. */
interface ServiceTally {
  bucket: string;
  service: string;
  tally: Tally;
}

function breakdownOf(query: OverviewQuery, span: BucketSpan, perService: ServiceTally[], dimensions: DimensionLines | undefined): Breakdown {
  const { split = 'service', stat = 'p95' } = query;
  if (split === 'service') {
    const parts = perService.map(({ bucket, service, tally }) => ({
      bucket,
      series: service,
      count: tally.requests,
      tally,
      addTo: (t: Tally) => void mergeTally(t, tally),
    }));
    return breakdownLines(parts, span, split, stat);
  }
  if (dimensions) return breakdownLines(dimensions.parts, dimensions.span, split, stat);
  return { ...breakdownLines([], span, split, stat), unavailable: `Lines per ${split} are kept by the hour: pick a range of 7 days or less.` };
}

/**
 * The reads' numbers by bucket and service, each stored sketch read once for the lines per service and the
 * per-bucket charts alike (reading them twice was a fifth of a 24 h overview's time at 10 M metrics).
 */
function tallyByBucketAndService(counted: Counted[]): ServiceTally[] {
  const tallies = new Map<string, ServiceTally>();
  for (const c of counted) {
    const id = `${c.bucket}\u0000${c.service}`;
    let entry = tallies.get(id);
    if (!entry) tallies.set(id, (entry = { bucket: c.bucket, service: c.service, tally: emptyTally() }));
    c.addTo(entry.tally);
  }
  return [...tallies.values()];
}

function tallyByBucket(perService: ServiceTally[]): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  for (const { bucket, tally } of perService) {
    let sum = tallies.get(bucket);
    if (!sum) tallies.set(bucket, (sum = emptyTally()));
    mergeTally(sum, tally);
  }
  return tallies;
}

/**
 * The rows that add up the window before, whose totals alone count (the KPIs' "vs previous"): whole days once
 * it can hold one, else hours, the edges finer; a tenth of the rows a chart of the window takes (bench:dashboard:
 * 24 h, 300 hourly rows instead of 3,500 by 5 minutes; 7 d, 360 daily and hourly ones instead of 2,000 hourly).
 */
const totalsGranularity = (spanMs: number): Granularity => (spanMs >= 2 * 86_400_000 ? 'day' : 'hour');

/**
 * Everything the overview page shows, for exactly the range's window and the window of the same
 * length before it: rollups for whole hours and days, raw metrics for the minutes at the edges.
 * `now` only decides which reads are cheapest (window-parts.ts); the numbers are the same either way.
 */
export async function loadOverview(db: Reader, query: OverviewQuery, now = new Date()): Promise<Overview> {
  const { from, to } = query.range;
  const span = bucketSpan(query.range);
  const earlier = previousWindow(from, to);
  const reads: Reads = new Map();
  const [counted, previousCounted, filterChoices, dimensions] = await Promise.all([
    readWindow(db, reads, from, to, query.range.granularity, now, query),
    readWindow(db, reads, earlier.from, earlier.to, totalsGranularity(to.getTime() - from.getTime()), now, query),
    loadFilterChoices(db, query.range),
    readDimensionLines(db, query, span),
  ]);
  const perService = tallyByBucketAndService(counted);
  const perBucket = tallyByBucket(perService);
  const current = [...perBucket.values()].reduce(mergeTally, emptyTally());
  const previous = emptyTally();
  for (const c of previousCounted) c.addTo(previous);
  const [durations, earlierDurations] = [durationStats(current), durationStats(previous)];

  return {
    span,
    kpis: {
      requests: kpiChange(current.requests, previous.requests),
      errorRatePct: kpiChange(errorRatePct(current), errorRatePct(previous)),
      avgDurationMs: kpiChange(durations.avg, earlierDurations.avg),
      p95DurationMs: kpiChange(durations.p95, earlierDurations.p95),
    },
    requests: requestSeries(counted, span),
    breakdown: breakdownOf(query, span, perService, dimensions),
    durations: span.keys.map((bucket) => ({ bucket, ...durationStats(perBucket.get(bucket) ?? emptyTally()) })),
    filterChoices,
    neverReceived: current.requests === 0 && previous.requests === 0 && !(await anyRollupExists(db)),
  };
}
