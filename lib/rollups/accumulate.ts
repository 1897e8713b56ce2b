import type { RollupStats } from '../../db/queries/rollups';
import { addToSketch, emptySketch, parseSketch, serializeSketch, type Sketch } from './sketch';

/**
 * The running statistics of one rollup row (service, metric_type, hour or day). The ingest path
 * (incremental) and `rollup rebuild` both add metrics one at a time in id order through addMetric,
 * so both reach bit-identical sums.
 *
 * Column meanings: count = metrics; sum/avg/min/max_value over `value`; sum_duration_ms and
 * duration_count over metrics that carry duration_ms, avg_duration_ms = sum / duration_count (0 when
 * none); success_count / failure_count = metrics whose dimensions.success is true / false (boolean
 * or the strings "true"/"false"; any type, in practice auth_request and tool_execution) — metrics
 * without it count in neither; duration_sketch: see sketch.ts.
 */
export interface RollupState {
  count: number;
  sumValue: number;
  minValue: number | null;
  maxValue: number | null;
  sumDurationMs: number;
  durationCount: number;
  successCount: number;
  failureCount: number;
  sketch: Sketch;
}

export interface RollupInput {
  value: number;
  durationMs: number | null;
  success: boolean | null;
}

/** Minute bucket of a stored timestamp: `YYYY-MM-DDTHH:MM:00Z`. */
export const minuteOf = (isoTimestamp: string) => `${isoTimestamp.slice(0, 16)}:00Z`;
/** 5-minute bucket of a stored timestamp, named by its first minute: `YYYY-MM-DDTHH:M0:00Z` or `…:M5:00Z`. */
export const fiveMinutesOf = (isoTimestamp: string) => `${isoTimestamp.slice(0, 15)}${isoTimestamp[15]! < '5' ? '0' : '5'}:00Z`;
/** Hour bucket of a stored timestamp: `YYYY-MM-DDTHH:00:00Z`. */
export const hourOf = (isoTimestamp: string) => `${isoTimestamp.slice(0, 13)}:00:00Z`;
/** Day bucket of a stored timestamp: `YYYY-MM-DD` (UTC). */
export const dayOf = (isoTimestamp: string) => isoTimestamp.slice(0, 10);

/** true/false (or "true"/"false") -> itself; anything else -> null. */
export function flag(value: unknown): boolean | null {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return null;
}

export function emptyRollup(): RollupState {
  return { count: 0, sumValue: 0, minValue: null, maxValue: null, sumDurationMs: 0, durationCount: 0, successCount: 0, failureCount: 0, sketch: emptySketch() };
}

export function addMetric(state: RollupState, metric: RollupInput): RollupState {
  state.count += 1;
  state.sumValue += metric.value;
  state.minValue = state.minValue === null ? metric.value : Math.min(state.minValue, metric.value);
  state.maxValue = state.maxValue === null ? metric.value : Math.max(state.maxValue, metric.value);
  if (metric.durationMs !== null) {
    state.sumDurationMs += metric.durationMs;
    state.durationCount += 1;
    addToSketch(state.sketch, metric.durationMs);
  }
  if (metric.success === true) state.successCount += 1;
  if (metric.success === false) state.failureCount += 1;
  return state;
}

export function stateFromStats(stats: RollupStats): RollupState {
  return {
    count: stats.count,
    sumValue: stats.sumValue,
    minValue: stats.minValue,
    maxValue: stats.maxValue,
    sumDurationMs: stats.sumDurationMs,
    durationCount: stats.durationCount,
    successCount: stats.successCount,
    failureCount: stats.failureCount,
    sketch: parseSketch(stats.durationSketch),
  };
}

export function statsFromState(state: RollupState): RollupStats {
  return {
    count: state.count,
    sumValue: state.sumValue,
    avgValue: state.count ? state.sumValue / state.count : 0,
    minValue: state.minValue,
    maxValue: state.maxValue,
    sumDurationMs: state.sumDurationMs,
    avgDurationMs: state.durationCount ? state.sumDurationMs / state.durationCount : 0,
    durationCount: state.durationCount,
    successCount: state.successCount,
    failureCount: state.failureCount,
    durationSketch: serializeSketch(state.sketch),
  };
}
