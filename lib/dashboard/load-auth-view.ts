import type { Sqlite } from '../../db/connection';
import { selectOutcomeCategories, selectOutcomeSeries, selectTopErrorCodes, type OutcomeCategory } from '../../db/queries/dashboard_views';
import type { TimePointData } from './time-point';
import { fillBuckets } from './fill-buckets';
import type { TimeRange } from './time-range';
import { failurePct, outcomeTotals, viewWindow, type SpecializedView } from './view-window';

export interface AuthView extends SpecializedView {
  totals: { attempts: number; successRatePct: number | null; avgDurationMs: number | null };
  successRate: TimePointData[];
  byMethod: (OutcomeCategory & { successRatePct: number | null })[];
  topErrorCodes: { name: string; count: number }[];
}

const successPct = (row: { succeeded: number; failed: number }) => {
  const failed = failurePct(row);
  return failed === null ? null : 100 - failed;
};

/** Success rate over time, by method, and the most common error codes, from auth_metrics. */
export function loadAuthView(db: Sqlite, range: TimeRange, cap?: number): AuthView {
  const { window, span } = viewWindow(range, cap);
  const series = selectOutcomeSeries(db, 'auth_metrics', window);
  const totals = outcomeTotals(series);
  return {
    span,
    capped: totals.attempts >= window.cap,
    rowCap: window.cap,
    totals: { attempts: totals.attempts, successRatePct: totals.failurePct === null ? null : 100 - totals.failurePct, avgDurationMs: totals.avgDurationMs },
    successRate: fillBuckets(
      span.keys,
      series.map((b) => ({ bucket: b.bucket, values: { success: successPct(b), attempts: b.count } })),
      (bucket) => ({ bucket, values: {} }),
    ),
    byMethod: selectOutcomeCategories(db, { table: 'auth_metrics', column: 'method' }, window, 10).map((m) => ({ ...m, successRatePct: successPct(m) })),
    topErrorCodes: selectTopErrorCodes(db, 'auth_metrics', window, 10),
  };
}
