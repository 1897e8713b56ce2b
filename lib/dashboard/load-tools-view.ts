import type { Sqlite } from '../../db/connection';
import { selectOutcomeCategories, selectOutcomeSeries, selectTopErrorCodes, type OutcomeCategory } from '../../db/queries/dashboard_views';
import { fillBuckets } from './fill-buckets';
import type { TimePointData } from './time-point';
import type { TimeRange } from './time-range';
import { failurePct, outcomeTotals, viewWindow, type SpecializedView } from './view-window';

export interface ToolsView extends SpecializedView {
  totals: { calls: number; failurePct: number | null; avgDurationMs: number | null };
  calls: TimePointData[];
  topTools: (OutcomeCategory & { failurePct: number | null })[];
  topErrorCodes: { name: string; count: number }[];
}

export const TOP_TOOLS = 15;

/** Calls over time, the busiest tools with failure rate and latency, and error codes, from tool_metrics. */
export function loadToolsView(db: Sqlite, range: TimeRange, cap?: number): ToolsView {
  const { window, span } = viewWindow(range, cap);
  const series = selectOutcomeSeries(db, 'tool_metrics', window);
  const totals = outcomeTotals(series);
  return {
    span,
    capped: totals.attempts >= window.cap,
    rowCap: window.cap,
    totals: { calls: totals.attempts, failurePct: totals.failurePct, avgDurationMs: totals.avgDurationMs },
    calls: fillBuckets(span.keys, series.map((b) => ({ bucket: b.bucket, values: { succeeded: b.succeeded, failed: b.failed, unknown: b.count - b.succeeded - b.failed } })), (bucket) => ({ bucket, values: {} })),
    topTools: selectOutcomeCategories(db, { table: 'tool_metrics', column: 'tool_name' }, window, TOP_TOOLS).map((t) => ({ ...t, failurePct: failurePct(t) })),
    topErrorCodes: selectTopErrorCodes(db, 'tool_metrics', window, 10),
  };
}
