import type { Granularity } from './time-range';

/**
 * A stretch of a window and where its numbers come from: raw metrics, or the rollup rows of whole hours
 * or days; `sign` -1 takes a stretch away again (see windowParts).
 */
export interface WindowPart {
  source: 'raw' | Granularity;
  from: Date;
  to: Date;
  sign: 1 | -1;
}

type Level = WindowPart['source'];
const UNIT_MS: Record<Granularity, number> = { hour: 3_600_000, day: 86_400_000 };
const FINER: Record<Granularity, Level> = { day: 'hour', hour: 'raw' };
const floorTo = (t: number, step: number) => Math.floor(t / step) * step;
const ceilTo = (t: number, step: number) => Math.ceil(t / step) * step;

/**
 * Splits [from, to) into parts that add up to exactly that window, so that "last 1 h" counts the last 60
 * minutes and not the two hour buckets it touches: whole days (on a daily chart) and whole hours from the
 * rollups, the minutes at the edges from raw metrics (idx_metrics_timestamp). A partial hour (or day) at
 * an edge is read either directly or as its whole rollup row minus the rest of it, whichever reads less:
 * the rest of the current hour lies after `now` and holds nothing (or the few metrics sent with a clock
 * slightly ahead), so "the last 24 h" reads raw rows only for the part of its first hour it does not
 * cover, at most 30 minutes; the window before it shares that hour and so that read (loadOverview reads it once).
 */
export function windowParts(from: Date, to: Date, granularity: Granularity, now: Date): WindowPart[] {
  const parts: WindowPart[] = [];
  // What reading raw rows (or finer rollups) of [start, end) costs: its time up to now; later holds next to nothing.
  const cost = (start: number, end: number) => Math.max(0, Math.min(end, now.getTime()) - start);
  const cover = (start: number, end: number, level: Level, sign: 1 | -1): void => {
    if (start >= end) return;
    if (level === 'raw') {
      parts.push({ source: 'raw', from: new Date(start), to: new Date(end), sign });
      return;
    }
    const unit = UNIT_MS[level];
    const [firstWhole, lastWhole] = [ceilTo(start, unit), floorTo(end, unit)];
    if (firstWhole > lastWhole) return partial(start, end, level, sign);
    partial(start, firstWhole, level, sign);
    if (firstWhole < lastWhole) parts.push({ source: level, from: new Date(firstWhole), to: new Date(lastWhole), sign });
    partial(lastWhole, end, level, sign);
  };
  // [start, end) lies inside one unit of `level`: read it, or the unit's rollup row minus the rest of the unit.
  const partial = (start: number, end: number, level: Granularity, sign: 1 | -1): void => {
    if (start >= end) return;
    const [unitStart, unitEnd] = [floorTo(start, UNIT_MS[level]), floorTo(start, UNIT_MS[level]) + UNIT_MS[level]];
    if (cost(start, end) <= cost(unitStart, start) + cost(end, unitEnd)) return cover(start, end, FINER[level], sign);
    parts.push({ source: level, from: new Date(unitStart), to: new Date(unitEnd), sign });
    cover(unitStart, start, FINER[level], -sign as 1 | -1);
    cover(end, unitEnd, FINER[level], -sign as 1 | -1);
  };
  cover(from.getTime(), to.getTime(), granularity, 1);
  return parts;
}

/** The window of the same length right before: what "vs previous" compares with. */
export const previousWindow = (from: Date, to: Date) => ({ from: new Date(2 * from.getTime() - to.getTime()), to: from });
