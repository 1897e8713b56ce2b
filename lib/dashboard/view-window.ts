import { VIEW_ROW_CAP, type ViewWindow } from '../../db/queries/dashboard_views';
import { bucketSpan, type BucketSpan } from './buckets';
import type { TimeRange } from './time-range';

export interface SpecializedView {
  span: BucketSpan;
  /** The range held VIEW_ROW_CAP rows or more: the view shows the newest ones. */
  capped: boolean;
  rowCap: number;
}

export function viewWindow(range: TimeRange, cap = VIEW_ROW_CAP): { window: ViewWindow & { cap: number }; span: BucketSpan } {
  return {
    window: { from: range.from.toISOString(), to: range.to.toISOString(), bucketLength: range.granularity === 'hour' ? 13 : 10, cap },
    span: bucketSpan(range),
  };
}

/** Failures among attempts with a known outcome, in percent; null when there were none. */
export const failurePct = (row: { succeeded: number; failed: number }) => (row.succeeded + row.failed === 0 ? null : (row.failed / (row.succeeded + row.failed)) * 100);

/** Attempts, outcome rate and mean duration over all buckets of an outcome series. */
export function outcomeTotals(series: readonly { count: number; succeeded: number; failed: number; timed: number; avgDurationMs: number | null }[]) {
  const sum = (read: (b: (typeof series)[number]) => number) => series.reduce((n, b) => n + read(b), 0);
  const timed = sum((b) => b.timed);
  return {
    attempts: sum((b) => b.count),
    failurePct: failurePct({ succeeded: sum((b) => b.succeeded), failed: sum((b) => b.failed) }),
    avgDurationMs: timed ? sum((b) => (b.avgDurationMs ?? 0) * b.timed) / timed : null,
  };
}
