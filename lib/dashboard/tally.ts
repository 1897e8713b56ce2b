import type { RawRollupInput, RollupRow } from '../../db/queries/dashboard';
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

/** Adds a rollup row (`sign` -1 takes it away again; see lib/dashboard/window-parts.ts). */
export function addRollupRow(
  tally: Tally,
  row: Pick<RollupRow, 'count' | 'successCount' | 'failureCount' | 'durationCount' | 'sumDurationMs' | 'durationSketch'>,
  sign: 1 | -1 = 1,
): Tally {
  tally.requests += sign * (row.count ?? 0);
  tally.successes += sign * (row.successCount ?? 0);
  tally.failures += sign * (row.failureCount ?? 0);
  tally.durations += sign * (row.durationCount ?? 0);
  tally.sumDurationMs += sign * (row.sumDurationMs ?? 0);
  if (row.durationSketch) tally.latency.addStored(row.durationSketch, sign);
  return tally;
}

/** A raw metric counted as ingestion counts it into its rollup row (lib/rollups/accumulate.ts), or with `sign` -1 taken out. */
export function addRawInput(tally: Tally, input: RawRollupInput, sign: 1 | -1 = 1): Tally {
  tally.requests += sign;
  if (input.success === 1) tally.successes += sign;
  if (input.success === 0) tally.failures += sign;
  if (input.durationMs !== null) {
    tally.durations += sign;
    tally.sumDurationMs += sign * input.durationMs;
    tally.latency.addDuration(input.durationMs, sign);
  }
  return tally;
}

/** Adds `source` into `target` (`sign` -1 takes it out: a part of what target added up). */
export function mergeTally(target: Tally, source: Tally, sign: 1 | -1 = 1): Tally {
  target.requests += sign * source.requests;
  target.successes += sign * source.successes;
  target.failures += sign * source.failures;
  target.durations += sign * source.durations;
  target.sumDurationMs += sign * source.sumDurationMs;
  target.latency.add(source.latency, sign);
  return target;
}

/** A copy to keep (LatencyTotal.kept), never merged into: kept bucket sums are shared by every load that reads them. */
const keptTally = (tally: Tally): Tally => ({ ...tally, latency: tally.latency.kept() });

type StoredRow = Parameters<typeof addRollupRow>[1];

/**
 * Rollup rows added up per key and in all (each stored sketch read once), as copies to keep (bucket-sums.ts),
 * with the latency slots they hold.
 */
export function keptTalliesBy<R extends StoredRow>(rows: readonly R[], keyOf: (row: R) => string): { byKey: Map<string, Tally>; total: Tally; slots: number } {
  const byKey = new Map<string, Tally>();
  for (const row of rows) {
    const key = keyOf(row);
    let tally = byKey.get(key);
    if (!tally) byKey.set(key, (tally = emptyTally()));
    addRollupRow(tally, row);
  }
  const total = emptyTally();
  let slots = 0;
  for (const [key, tally] of byKey) {
    mergeTally(total, tally);
    byKey.set(key, keptTally(tally));
    slots += tally.latency.slots;
  }
  return { byKey, total: keptTally(total), slots: slots + total.latency.slots };
}

/** Failures among the metrics that reported an outcome, in percent; null when none did. */
export function errorRatePct(tally: Tally): number | null {
  const withOutcome = tally.successes + tally.failures;
  return withOutcome === 0 ? null : (tally.failures / withOutcome) * 100;
}

export function durationStats(tally: Tally): DurationStats {
  const [p50, p95, p99] = tally.latency.quantiles([0.5, 0.95, 0.99]);
  return { avg: tally.durations === 0 ? null : tally.sumDurationMs / tally.durations, p50, p95, p99 };
}
