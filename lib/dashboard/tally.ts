import type { RollupRow } from '../../db/queries/dashboard';
import { LatencyTotal } from './latency-total';

/** What rollup rows add up to: counts, outcome counts and the merged latency sketch. */
export interface Tally {
  requests: number;
  successes: number;
  failures: number;
  durations: number;
  sumDurationMs: number;
  latency: LatencyTotal;
}

export interface DurationStats {
  avg: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export const emptyTally = (): Tally => ({ requests: 0, successes: 0, failures: 0, durations: 0, sumDurationMs: 0, latency: new LatencyTotal() });

export function addRollupRow(tally: Tally, row: RollupRow): Tally {
  tally.requests += row.count ?? 0;
  tally.successes += row.successCount ?? 0;
  tally.failures += row.failureCount ?? 0;
  tally.durations += row.durationCount ?? 0;
  tally.sumDurationMs += row.sumDurationMs ?? 0;
  if (row.durationSketch) tally.latency.addStored(row.durationSketch);
  return tally;
}

export function mergeTally(target: Tally, source: Tally): Tally {
  target.requests += source.requests;
  target.successes += source.successes;
  target.failures += source.failures;
  target.durations += source.durations;
  target.sumDurationMs += source.sumDurationMs;
  target.latency.add(source.latency);
  return target;
}

/** Failures among the metrics that reported an outcome, in percent; null when none did. */
export function errorRatePct(tally: Tally): number | null {
  const withOutcome = tally.successes + tally.failures;
  return withOutcome === 0 ? null : (tally.failures / withOutcome) * 100;
}

export function durationStats(tally: Tally): DurationStats {
  return {
    avg: tally.durations === 0 ? null : tally.sumDurationMs / tally.durations,
    p50: tally.latency.quantile(0.5),
    p95: tally.latency.quantile(0.95),
    p99: tally.latency.quantile(0.99),
  };
}
