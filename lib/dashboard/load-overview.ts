import type { Reader } from '../../db/client';
import {
  anyRollupExists,
  selectRawRollupInputs,
  selectRollupRows,
  selectRollupSignatures,
  type BucketSignature,
  type RawFilter,
  type RollupRow,
} from '../../db/queries/dashboard';
import { breakdownLines, dimensionParts, rankSeries, type Breakdown, type LatencyStat, type SeriesParts, type Split } from './breakdown';
import { selectMinuteRollupRows, selectMinuteRollupSignatures } from '../../db/queries/minute-rollups';
import { readBucketSums } from './bucket-sums';
import { bucketKey, bucketSpan, enclosingBucket, type BucketSpan } from './buckets';
import { fillBuckets } from './fill-buckets';
import { groupRows } from './group-rows';
import { loadFilterChoices, type FilterChoices } from './filter-choices';
import { kpiChange, type Kpi } from './kpi-change';
import { rowsKeptFrom, type RowsKeptFrom } from './rows-kept';
import {
  addRawInput,
  addRollupRow,
  durationStats,
  emptyTally,
  errorRatePct,
  keepTallies,
  mergeTally,
  tallyBytes,
  tallyOf,
  type DurationStats,
  type Tally,
} from './tally';
import type { Granularity, TimeRange } from './time-range';
import { metricTypesOf, type TypeFilter } from './type-filter';
import { previousWindow, windowParts, type WindowPart } from './window-parts';

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

/** A count of a chart bucket under its series: what the stacked request chart adds up. */
interface SeriesCount {
  bucket: string;
  series: string;
  count: number;
}

/** What one read adds to a chart bucket (or, signed -1, takes out of it): its numbers, and its count under its series. */
interface Counted extends SeriesCount {
  service: string;
  addTo(tally: Tally): void;
}

/** A whole chart bucket's rollup rows added up (kept by readBucketSums: never merged into). */
interface BucketTotals {
  total: Tally;
  perService: Map<string, Tally>;
  counts: { service: string; metricType: string; count: number }[];
}

/** A window's numbers: its whole chart buckets added up, and what its edges add (or take away) row by row. */
interface WindowReads {
  counted: Counted[];
  whole: Map<string, BucketTotals>;
}

/** Reads of one page load, so that a stretch two windows share (the hour between them) is read once. */
type Reads = Map<string, Promise<unknown[]>>;
const once = <R>(reads: Reads, key: string, read: () => Promise<R[]>) => {
  if (!reads.has(key)) reads.set(key, read());
  return reads.get(key) as Promise<R[]>;
};

type Filter = { service?: string; metricTypes?: readonly string[] };

/** The stacked request chart's series a row counts under. */
const seriesOf = (groupBy: GroupBy, row: { service: string; metricType: string }) => (groupBy === 'service' ? row.service : row.metricType);

function readRollupRows(db: Reader, level: Granularity, filter: Filter, first: string, afterLast: string): Promise<RollupRow[]> {
  const bounds = { ...filter, first, afterLast };
  if (level === 'minute' || level === '5min') return selectMinuteRollupRows(db, { ...bounds, minutes: level === 'minute' ? 1 : 5 });
  return selectRollupRows(db, { ...bounds, granularity: level });
}

function readRollupSignatures(db: Reader, level: Granularity, filter: Filter, first: string, afterLast: string): Promise<BucketSignature[]> {
  const bounds = { ...filter, first, afterLast };
  if (level === 'minute' || level === '5min') return selectMinuteRollupSignatures(db, { ...bounds, minutes: level === 'minute' ? 1 : 5 });
  return selectRollupSignatures(db, { ...bounds, granularity: level });
}

function bucketTotals(rows: readonly RollupRow[]): { sum: BucketTotals; bytes: number } {
  const perService = new Map<string, Tally>();
  const total = emptyTally();
  for (const [service, ofService] of groupRows(rows, (row) => row.service)) {
    const tally = tallyOf(ofService);
    mergeTally(total, tally);
    perService.set(service, tally);
  }
  keepTallies(total, ...perService.values());
  const counts = rows.map(({ service, metricType, count }) => ({ service, metricType, count: count ?? 0 }));
  // ~64 bytes for each count object kept.
  const bytes = [...perService.values()].reduce((n, t) => n + tallyBytes(t), tallyBytes(total) + 64 * counts.length);
  return { sum: { total, perService, counts }, bytes };
}

/** The whole chart buckets of [from, to) at `level`, added up: kept sums where their rows did not change. */
function readWholeBuckets(db: Reader, level: Granularity, filter: Filter, from: Date, to: Date): Promise<Map<string, BucketTotals>> {
  const { keys, first, afterLast } = bucketSpan({ from, to, granularity: level });
  return readBucketSums(db, {
    source: level,
    filter,
    keys,
    afterLast,
    rows: (start, end) => readRollupRows(db, level, filter, start, end),
    signatures: () => readRollupSignatures(db, level, filter, first, afterLast),
    sum: bucketTotals,
  });
}

/**
 * Everything inside [from, to), exactly: rollup rows of whole minutes, 5 minutes, hours and days, raw metrics
 * at the edges (window-parts.ts), each put in the chart bucket it falls in. The chart's whole buckets inside
 * the window (all but its edges) are added up by bucket, and kept so (bucket-sums.ts).
 */
async function readWindow(
  db: Reader,
  reads: Reads,
  window: { from: Date; to: Date; granularity: Granularity },
  now: Date,
  keptFrom: RowsKeptFrom,
  query: OverviewQuery,
): Promise<WindowReads> {
  const { from, to, granularity } = window;
  const filter = { service: query.service, metricTypes: metricTypesOf(query.type ?? 'all') };
  const parts = windowParts(from, to, granularity, now, keptFrom);
  const isWhole = (part: WindowPart) => part.source === granularity && part.from >= from && part.to <= to;
  const whole = Promise.all(parts.filter(isWhole).map((part) => readWholeBuckets(db, granularity, filter, part.from, part.to)));
  const counted = parts
    .filter((part) => !isWhole(part))
    .map(async ({ source, from: start, to: end, sign }): Promise<Counted[]> => {
      const key = `${source} ${start.toISOString()} ${end.toISOString()}`;
      if (source === 'raw') {
        const raw: RawFilter = { ...filter, from: start.toISOString(), to: end.toISOString() };
        return (await once(reads, key, () => selectRawRollupInputs(db, raw))).map((input) => ({
          bucket: enclosingBucket(input.minute, granularity),
          series: seriesOf(query.groupBy, input),
          service: input.service,
          count: sign,
          addTo: (tally) => void addRawInput(tally, input, sign),
        }));
      }
      const rows = await once(reads, key, () => readRollupRows(db, source, filter, bucketKey(start, source), bucketKey(end, source)));
      return rows.map((row) => ({
        bucket: enclosingBucket(row.bucket, granularity),
        series: seriesOf(query.groupBy, row),
        service: row.service,
        count: sign * (row.count ?? 0),
        addTo: (tally) => void addRollupRow(tally, row, sign),
      }));
    });
  return { counted: (await Promise.all(counted)).flat(), whole: new Map((await whole).flatMap((sums) => [...sums])) };
}

function topSeries(totals: Map<string, number>): Set<string> {
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return new Set(ranked.slice(0, totals.size > MAX_SERIES ? MAX_SERIES - 1 : MAX_SERIES).map(([name]) => name));
}

function requestSeries(counts: SeriesCount[], span: BucketSpan): Overview['requests'] {
  const totals = new Map<string, number>();
  for (const c of counts) totals.set(c.series, (totals.get(c.series) ?? 0) + c.count);
  // A series can add up to nothing: a rollup row minus the part of its hour outside the window.
  for (const [name, total] of totals) if (total <= 0) totals.delete(name);
  const kept = topSeries(totals);
  const byBucket = new Map<string, RequestPoint>();
  for (const c of counts) {
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

interface DimensionLines extends SeriesParts {
  span: BucketSpan;
}

/** Lines per tool, server or client come from metrics_dimension_hourly: by the hour, on charts of minutes too; none on daily charts. */
async function readDimensionLines(db: Reader, query: OverviewQuery, span: BucketSpan): Promise<DimensionLines | undefined> {
  const { split } = query;
  if (split === undefined || split === 'service' || span.granularity === 'day') return undefined;
  const hours = span.granularity === 'hour' ? span : bucketSpan({ ...query.range, granularity: 'hour' });
  return { span: hours, ...(await dimensionParts(db, split, hours, { service: query.service, metricTypes: metricTypesOf(query.type ?? 'all') })) };
}

/** A bucket's numbers for one service. */
interface ServiceTally {
  bucket: string;
  service: string;
  tally: Tally;
}

function breakdownOf(
  query: OverviewQuery,
  span: BucketSpan,
  perService: ServiceTally[],
  perBucket: Map<string, Tally>,
  dimensions: DimensionLines | undefined,
): Breakdown {
  const { split = 'service', stat = 'p95' } = query;
  if (split === 'service') {
    const parts = perService.map(({ bucket, service, tally }) => ({ bucket, series: service, tally }));
    const ranked = rankSeries(perService.map(({ service, tally }) => [service, tally.requests] as const));
    return breakdownLines({ ranked, parts, totals: perBucket }, span, split, stat);
  }
  if (dimensions) return breakdownLines(dimensions, dimensions.span, split, stat);
  return {
    ...breakdownLines({ ranked: [], parts: [], totals: new Map() }, span, split, stat),
    unavailable: `Lines per ${split} are kept by the hour: pick a range of 7 days or less.`,
  };
}

/**
 * The window's numbers by bucket and service, each stored sketch read once for the lines per service and the
 * per-bucket charts alike (reading them twice was a fifth of a 24 h overview's time at 10 M metrics).
 */
function tallyByBucketAndService({ counted, whole }: WindowReads): ServiceTally[] {
  const tallies = new Map<string, ServiceTally>();
  for (const c of counted) {
    const id = `${c.bucket}\u0000${c.service}`;
    let entry = tallies.get(id);
    if (!entry) tallies.set(id, (entry = { bucket: c.bucket, service: c.service, tally: emptyTally() }));
    c.addTo(entry.tally);
  }
  const entries = [...tallies.values()];
  for (const [bucket, sums] of whole) for (const [service, tally] of sums.perService) entries.push({ bucket, service, tally });
  return entries;
}

/** Each bucket's numbers: the whole ones as kept, the edges added up from their services'. */
function tallyByBucket(perService: ServiceTally[], whole: Map<string, BucketTotals>): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  for (const [bucket, sums] of whole) tallies.set(bucket, sums.total);
  for (const { bucket, tally } of perService) {
    if (whole.has(bucket)) continue;
    let sum = tallies.get(bucket);
    if (!sum) tallies.set(bucket, (sum = emptyTally()));
    mergeTally(sum, tally);
  }
  return tallies;
}

/** The window's stacked counts: its edges' reads and its whole buckets' rows, each under its series. */
function seriesCounts({ counted, whole }: WindowReads, groupBy: GroupBy): SeriesCount[] {
  const counts: SeriesCount[] = [...counted];
  for (const [bucket, sums] of whole) for (const c of sums.counts) counts.push({ bucket, series: seriesOf(groupBy, c), count: c.count });
  return counts;
}

/**
 * The rows that add up the window before, whose totals alone count (the KPIs' "vs previous"): whole days once
 * it can hold one, else hours, the edges finer; a tenth of the rows a chart of the window takes (bench:dashboard:
 * 24 h, 300 hourly rows instead of 3,500 by 5 minutes; 7 d, 360 daily and hourly ones instead of 2,000 hourly).
 */
const totalsGranularity = (spanMs: number): Granularity => (spanMs >= 2 * 86_400_000 ? 'day' : 'hour');

/**
 * Everything the overview page shows, for exactly the range's window and the window of the same
 * length before it: rollups for whole buckets, raw metrics (or finer rollups) at the edges.
 * `now` only decides which reads are cheapest (window-parts.ts); the numbers are the same either way.
 */
export async function loadOverview(db: Reader, query: OverviewQuery, now = new Date()): Promise<Overview> {
  const { from, to } = query.range;
  const span = bucketSpan(query.range);
  const earlier = previousWindow(from, to);
  const reads: Reads = new Map();
  const windows = rowsKeptFrom(db, now).then((keptFrom) =>
    Promise.all([
      readWindow(db, reads, { from, to, granularity: query.range.granularity }, now, keptFrom, query),
      readWindow(db, reads, { ...earlier, granularity: totalsGranularity(to.getTime() - from.getTime()) }, now, keptFrom, query),
    ]),
  );
  const [[shown, before], filterChoices, dimensions] = await Promise.all([windows, loadFilterChoices(db, query.range), readDimensionLines(db, query, span)]);
  const perService = tallyByBucketAndService(shown);
  const perBucket = tallyByBucket(perService, shown.whole);
  const current = [...perBucket.values()].reduce((sum, tally) => mergeTally(sum, tally), emptyTally());
  const previous = [...before.whole.values()].reduce((sum, bucket) => mergeTally(sum, bucket.total), emptyTally());
  for (const c of before.counted) c.addTo(previous);
  const [durations, earlierDurations] = [durationStats(current), durationStats(previous)];

  return {
    span,
    kpis: {
      requests: kpiChange(current.requests, previous.requests),
      errorRatePct: kpiChange(errorRatePct(current), errorRatePct(previous)),
      avgDurationMs: kpiChange(durations.avg, earlierDurations.avg),
      p95DurationMs: kpiChange(durations.p95, earlierDurations.p95),
    },
    requests: requestSeries(seriesCounts(shown, query.groupBy), span),
    breakdown: breakdownOf(query, span, perService, perBucket, dimensions),
    durations: span.keys.map((bucket) => ({ bucket, ...durationStats(perBucket.get(bucket) ?? emptyTally()) })),
    filterChoices,
    neverReceived: current.requests === 0 && previous.requests === 0 && !(await anyRollupExists(db)),
  };
}
