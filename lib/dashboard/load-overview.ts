import type { Reader } from '../../db/client';
import { anyRollupExists, selectRollupRows, type RollupRow } from '../../db/queries/dashboard';
import { bucketSpan, previousSpan, type BucketSpan } from './buckets';
import { fillBuckets } from './fill-buckets';
import { loadFilterChoices } from './filter-choices';
import { kpiChange, type Kpi } from './kpi-change';
import { addRollupRow, durationStats, emptyTally, errorRatePct, mergeTally, type DurationStats, type Tally } from './tally';
import type { TimeRange } from './time-range';

export type GroupBy = 'service' | 'type';

export interface OverviewQuery {
  range: TimeRange;
  service?: string;
  metricType?: string;
  groupBy: GroupBy;
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
  filterChoices: { services: string[]; metricTypes: string[] };
  /** No metric was ever rolled up (as opposed to none in this range). */
  neverReceived: boolean;
}

/** More stacked series than this make an unreadable chart; the smallest fold into "other". */
export const MAX_SERIES = 8;
export const OTHER_SERIES = 'other';

function topSeries(totals: Map<string, number>): Set<string> {
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return new Set(ranked.slice(0, totals.size > MAX_SERIES ? MAX_SERIES - 1 : MAX_SERIES).map(([name]) => name));
}

function requestSeries(rows: RollupRow[], span: BucketSpan, groupBy: GroupBy): Overview['requests'] {
  const seriesOf = (row: RollupRow) => (groupBy === 'service' ? row.service : row.metricType);
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(seriesOf(row), (totals.get(seriesOf(row)) ?? 0) + (row.count ?? 0));
  const kept = topSeries(totals);
  const byBucket = new Map<string, RequestPoint>();
  for (const row of rows) {
    const name = kept.has(seriesOf(row)) ? seriesOf(row) : OTHER_SERIES;
    let point = byBucket.get(row.bucket);
    if (!point) byBucket.set(row.bucket, (point = { bucket: row.bucket, values: {} }));
    point.values[name] = (point.values[name] ?? 0) + (row.count ?? 0);
  }
  const series = [...kept].sort((a, b) => totals.get(b)! - totals.get(a)!);
  if (totals.size > kept.size) series.push(OTHER_SERIES);
  return { series, points: fillBuckets(span.keys, byBucket.values(), (bucket) => ({ bucket, values: {} })) };
}

function tallyByBucket(rows: RollupRow[]): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  for (const row of rows) {
    let tally = tallies.get(row.bucket);
    if (!tally) tallies.set(row.bucket, (tally = emptyTally()));
    addRollupRow(tally, row);
  }
  return tallies;
}

const tallyOf = (rows: RollupRow[]) => rows.reduce(addRollupRow, emptyTally());

/** Everything the overview page shows, read from the rollup tables only (two bounded range reads). */
export async function loadOverview(db: Reader, query: OverviewQuery): Promise<Overview> {
  const span = bucketSpan(query.range);
  const previous = previousSpan(span);
  const filter = { granularity: span.granularity, service: query.service, metricType: query.metricType };
  const [rows, previousRows, filterChoices] = await Promise.all([
    selectRollupRows(db, { ...filter, first: span.first, afterLast: span.afterLast }),
    selectRollupRows(db, { ...filter, first: previous.first, afterLast: previous.afterLast }),
    loadFilterChoices(db, query.range),
  ]);
  const previousTally = tallyOf(previousRows);

  const perBucket = tallyByBucket(rows);
  const current = [...perBucket.values()].reduce(mergeTally, emptyTally());
  const [now, before] = [durationStats(current), durationStats(previousTally)];

  return {
    span,
    kpis: {
      requests: kpiChange(current.requests, previousTally.requests),
      errorRatePct: kpiChange(errorRatePct(current), errorRatePct(previousTally)),
      avgDurationMs: kpiChange(now.avg, before.avg),
      p95DurationMs: kpiChange(now.p95, before.p95),
    },
    requests: requestSeries(rows, span, query.groupBy),
    durations: span.keys.map((bucket) => ({ bucket, ...durationStats(perBucket.get(bucket) ?? emptyTally()) })),
    filterChoices,
    neverReceived: rows.length === 0 && previousTally.requests === 0 && !(await anyRollupExists(db)),
  };
}
