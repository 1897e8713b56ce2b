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

type StoredRow = Parameters<typeof addRollupRow>[1];

// What a kept tally costs beyond its slots: its objects (Tally, LatencyTotal, the slots' Float64Array).
const TALLY_BYTES = 300;

/** About how many bytes a tally holds: its objects and 8 per latency slot. */
export const tallyBytes = (tally: Tally) => TALLY_BYTES + 8 * tally.latency.slots;

/** Rollup rows added up (each stored sketch read once). */
export function tallyOf(rows: readonly StoredRow[]): Tally {
  const tally = emptyTally();
  for (const row of rows) addRollupRow(tally, row);
  return tally;
}

/** Tallies made ready to keep (bucket-sums.ts: never merged into again), their slots in a buffer of their own. */
export function keepTallies(...tallies: Tally[]): Tally[] {
  LatencyTotal.pack(tallies.map((t) => t.latency));
  return tallies;
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
