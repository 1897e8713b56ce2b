import { formatTick, type Unit } from './format';
import { AXIS_COLOR } from './palette';

const STEPS = [1, 2, 2.5, 5, 10];

/**
 * Round, evenly spaced ticks from 0 to at least `max` (about five): steps of 1, 2, 2.5 or 5 times a power
 * of ten, as people count (0 / 1,000 / 2,000 / 3,000, not Recharts' 0 / 950 / 1,900 / 2,850). Counts get
 * whole steps only, so a count axis never shows 0.3 or 0.5.
 */
export function niceTicks(max: number, integers: boolean, target = 4): number[] {
  const top = Number.isFinite(max) && max > 0 ? max : 1;
  const rough = top / target;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  let step = STEPS.map((m) => m * magnitude).find((s) => s >= rough && (!integers || Number.isInteger(s))) ?? 10 * magnitude;
  if (integers) step = Math.max(1, step);
  const count = Math.ceil(top / step - 1e-9);
  // toPrecision: 0.1 * 3 must read 0.3, not 0.30000000000000004.
  return Array.from({ length: count + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/** Pixels an axis needs for its longest label at 11 px (about 6.5 px a character, plus the tick and a margin). */
export const labelWidth = (labels: readonly string[], min = 32, max = 240) =>
  Math.min(max, Math.max(min, Math.ceil(Math.max(0, ...labels.map((l) => l.length)) * 6.5) + 14));

/** A value axis (counts, milliseconds, percent) as every chart draws it: `ticks` from 0 to the top one, labelled in `unit`. */
export const valueAxis = (ticks: number[], unit: Unit) => ({
  stroke: AXIS_COLOR,
  fontSize: 11,
  ticks,
  domain: [0, ticks[ticks.length - 1]],
  interval: 0,
  allowDecimals: unit !== 'count',
  tickFormatter: (v: number) => formatTick(v, unit),
});
