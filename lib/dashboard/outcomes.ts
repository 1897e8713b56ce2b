import type { OutcomeFilter, OutcomeGroup } from '../../db/queries/dashboard-views';
import { sumBy, topByCount } from './view-window';

/** Attempts (auth) or calls (tools) of one bucket, category or the whole range. */
export interface Outcomes {
  count: number;
  succeeded: number;
  failed: number;
  timed: number;
  sumDurationMs: number;
  maxDurationMs: number | null;
}

export interface OutcomeStats extends Outcomes {
  /** Failures among attempts with a known outcome, in percent; null when none reported one. */
  failurePct: number | null;
  avgDurationMs: number | null;
}

const empty = (): Outcomes => ({ count: 0, succeeded: 0, failed: 0, timed: 0, sumDurationMs: 0, maxDurationMs: null });

function add(sum: Outcomes, g: OutcomeGroup): void {
  sum.count += g.count;
  if (g.success === 1) sum.succeeded += g.count;
  if (g.success === 0) sum.failed += g.count;
  sum.timed += g.timed;
  sum.sumDurationMs += g.sumDurationMs ?? 0;
  if (g.maxDurationMs !== null) sum.maxDurationMs = Math.max(sum.maxDurationMs ?? g.maxDurationMs, g.maxDurationMs);
}

const stats = (o: Outcomes): OutcomeStats => ({
  ...o,
  failurePct: o.succeeded + o.failed === 0 ? null : (o.failed / (o.succeeded + o.failed)) * 100,
  avgDurationMs: o.timed === 0 ? null : o.sumDurationMs / o.timed,
});

/** The values of a filter's column among the groups, sorted: the choices of that filter. */
export const filterChoices = (groups: readonly OutcomeGroup[], filter: OutcomeFilter): string[] =>
  [
    ...new Set(
      groups.flatMap((g) => {
        const value = g[filter];
        return value === null || value === undefined ? [] : [value];
      }),
    ),
  ].sort();

/** Everything the Auth and Tools views chart, from the one grouped read of their table. */
export function summarizeOutcomes(groups: readonly OutcomeGroup[], topCategories: number) {
  const byBucket = sumBy(groups, (g) => g.bucket, empty, add);
  return {
    total: stats(sumBy(groups, () => '', empty, add).get('') ?? empty()),
    servers: filterChoices(groups, 'server'),
    byBucket: new Map([...byBucket].map(([bucket, o]) => [bucket, stats(o)])),
    topCategories: topByCount(
      sumBy(groups, (g) => g.name, empty, add),
      topCategories,
    ).map((c) => ({ ...stats(c), name: c.name })),
    topErrorCodes: topByCount(
      sumBy(
        groups.filter((g) => g.success === 0),
        (g) => g.errorCode ?? '(none)',
        () => ({ count: 0 }),
        (sum, g) => void (sum.count += g.count),
      ),
      10,
    ),
  };
}
