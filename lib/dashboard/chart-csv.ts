import type { Db } from '../../db/client';
import { UserError } from '../errors';
import { bucketTime } from './buckets';
import { AUTH_SUCCESS_SERIES, DISCOVERY_RESULTS_SERIES, DISCOVERY_TIMING_SERIES, DURATION_SERIES, TOOL_CALL_SERIES, type SeriesSpec } from './chart-series';
import { csvLine, type CsvValue } from './csv';
import { loadAuthView } from './load-auth-view';
import { loadDiscoveryView } from './load-discovery-view';
import { loadToolsView } from './load-tools-view';
import { loadOverviewOffLoop } from './overview-task';
import type { SearchParamsInput } from './search-params';
import type { TimePointData } from './time-point';
import { parseOutcomeViewParams, parseOverviewParams, parseToolsViewParams, parseViewParams } from './validation';

type Table = { columns: string[]; rows: CsvValue[][] };

const timeTable = (points: TimePointData[], series: SeriesSpec[]): Table => ({
  columns: ['bucket_start_utc', ...series.map((s) => s.label)],
  rows: points.map((p) => [bucketTime(p.bucket).toISOString(), ...series.map((s) => p.values[s.key] ?? null)]),
});

const categoryTable = <R extends object>(rows: R[], columns: [string, (row: R) => CsvValue][]): Table => ({
  columns: columns.map(([name]) => name),
  rows: rows.map((row) => columns.map(([, read]) => read(row))),
});

// `db` whole: the overview adds up its rows off the event loop as its page does (overview-task.ts), the others read through db.longReads.
type View<D> = { load: (db: Db, params: SearchParamsInput, now: Date) => Promise<D>; charts: Record<string, (data: D) => Table> };
const view = <D>(definition: View<D>) => definition as View<unknown>;

/** Every chart of every view, as the table its CSV export writes: /export/<view>/<chart>?<the page's query>. */
export const CHART_EXPORTS: Record<string, View<unknown>> = {
  overview: view({
    load: (db, params, now) => loadOverviewOffLoop(db, parseOverviewParams(params, now), now),
    charts: {
      requests: (o) =>
        timeTable(
          o.requests.points,
          o.requests.series.map((s) => ({ key: s, label: s })),
        ),
      durations: (o) =>
        timeTable(
          o.durations.map(({ bucket, ...values }) => ({ bucket, values })),
          DURATION_SERIES.map((s) => ({ ...s, label: `${s.label}_ms` })),
        ),
      'latency-by': (o) =>
        timeTable(
          o.breakdown.latency,
          o.breakdown.series.map((s) => ({ key: s, label: `${s}_${o.breakdown.stat}_ms` })),
        ),
      'errors-by': (o) =>
        timeTable(
          o.breakdown.errorRate,
          o.breakdown.series.map((s) => ({ key: s, label: `${s}_error_rate_pct` })),
        ),
    },
  }),
  auth: view({
    load: (db, params, now) => loadAuthView(db.longReads, parseOutcomeViewParams(params, now)),
    charts: {
      'success-rate': (v) =>
        timeTable(v.successRate, [...AUTH_SUCCESS_SERIES.map((s) => ({ ...s, label: 'success_rate_pct' })), { key: 'attempts', label: 'attempts' }]),
      'by-method': (v) =>
        categoryTable(v.byMethod, [
          ['method', (m) => m.name],
          ['attempts', (m) => m.count],
          ['succeeded', (m) => m.succeeded],
          ['failed', (m) => m.failed],
          ['success_rate_pct', (m) => m.successRatePct],
          ['avg_duration_ms', (m) => m.avgDurationMs],
        ]),
      'error-codes': (v) =>
        categoryTable(v.topErrorCodes, [
          ['error_code', (e) => e.name],
          ['failures', (e) => e.count],
        ]),
    },
  }),
  discovery: view({
    load: (db, params, now) => loadDiscoveryView(db.longReads, parseViewParams(params, now)),
    charts: {
      timing: (v) =>
        timeTable(
          v.timing,
          DISCOVERY_TIMING_SERIES.map((s) => ({ ...s, label: `${s.key}_avg_ms` })),
        ),
      results: (v) => timeTable(v.results, DISCOVERY_RESULTS_SERIES),
      'results-bands': (v) =>
        categoryTable(v.resultsBands, [
          ['results', (b) => b.name],
          ['queries', (b) => b.value],
        ]),
    },
  }),
  tools: view({
    load: (db, params, now) => loadToolsView(db.longReads, parseToolsViewParams(params, now)),
    charts: {
      calls: (v) => timeTable(v.calls, TOOL_CALL_SERIES),
      'top-tools': (v) =>
        categoryTable(v.topTools, [
          ['tool', (t) => t.name],
          ['calls', (t) => t.count],
          ['failed', (t) => t.failed],
          ['failure_rate_pct', (t) => t.failurePct],
          ['avg_duration_ms', (t) => t.avgDurationMs],
          ['max_duration_ms', (t) => t.maxDurationMs],
        ]),
      'error-codes': (v) =>
        categoryTable(v.topErrorCodes, [
          ['error_code', (e) => e.name],
          ['failures', (e) => e.count],
        ]),
    },
  }),
};

/** The CSV of one chart for the page state in `params`; an unknown view or chart is a 404 UserError. */
export async function chartCsv(db: Db, viewName: string, chart: string, params: SearchParamsInput, now: Date): Promise<{ filename: string; body: string }> {
  const definition = Object.hasOwn(CHART_EXPORTS, viewName) ? CHART_EXPORTS[viewName] : undefined;
  const toTable = definition && Object.hasOwn(definition.charts, chart) ? definition.charts[chart] : undefined;
  if (!definition || !toTable) throw new UserError(`no chart "${viewName}/${chart}"`, 404);
  const table = toTable(await definition.load(db, params, now));
  return {
    filename: `${viewName}-${chart}-${now.toISOString().slice(0, 16).replace(':', '')}Z.csv`,
    body: csvLine(table.columns) + table.rows.map(csvLine).join(''),
  };
}
