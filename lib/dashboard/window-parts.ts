import { bucketStepMs } from './buckets';
import { defaultRowsKeptFrom, type RowsKeptFrom } from './rows-kept';
import type { Granularity } from './time-range';

/**
 * A stretch of a window and where its numbers come from: raw metrics, or the rollup rows of whole minutes,
 * 5 minutes, hours or days; `sign` -1 takes a stretch away again (see windowParts).
 */
export interface WindowPart {
  source: 'raw' | Granularity;
  from: Date;
  to: Date;
  sign: 1 | -1;
}

type Level = WindowPart['source'];
// Where the edge buckets of each level come from: days from hours, hours from 5 minutes, 5 minutes from
// minutes, minutes from raw rows. Each part falls inside one bucket of the chart. Before the instant a
// level's rows are kept from (rows-kept.ts: minute levels 2 days, any level its retention policy), its
// buckets come from the next finer level that still has them, in the end from raw rows.
const FINER: Record<Granularity, Level> = { day: 'hour', hour: '5min', '5min': 'minute', minute: 'raw' };
const floorTo = (t: number, step: number) => Math.floor(t / step) * step;
const ceilTo = (t: number, step: number) => Math.ceil(t / step) * step;

/**
 * Splits [from, to) into parts that add up to exactly that window, so that "last 1 h" counts the last 60
 * minutes and not the buckets it touches: whole buckets of the chart (and of the next finer rollup at its
 * edge buckets) from the rollups, what remains at the edges from raw metrics (idx_metrics_timestamp). A
 * partial bucket at an edge is read either directly or as its whole rollup row minus the rest of it,
 * whichever reads less: the rest of the current bucket lies after `now` and holds nothing (or the few
 * metrics sent with a clock slightly ahead), so "the last 7 d" reads raw rows only for the part of its
 * first hour it does not cover, at most 30 minutes, and "the last 1 h" (minutes) at most 30 seconds; the
 * window before shares that bucket and so that read (loadOverview reads it once).
 */
export function windowParts(from: Date, to: Date, granularity: Granularity, now: Date, keptFrom: RowsKeptFrom = defaultRowsKeptFrom(now)): WindowPart[] {
  const parts: WindowPart[] = [];
  const keptSince = (level: Granularity) => keptFrom[level] ?? -Infinity;
  // Whether a level may have lost its rows at `start` to retention.
  const gone = (level: Level, start: number) => level !== 'raw' && start < keptSince(level);
  // What reading raw rows (or finer rollups) of [start, end) costs: its time up to now; later holds next to nothing.
  const cost = (start: number, end: number) => Math.max(0, Math.min(end, now.getTime()) - start);
  const cover = (start: number, end: number, level: Level, sign: 1 | -1): void => {
    if (start >= end) return;
    if (level === 'raw') {
      parts.push({ source: 'raw', from: new Date(start), to: new Date(end), sign });
      return;
    }
    const unit = bucketStepMs(level);
    if (gone(level, start)) {
      // The finer level up to the first bucket of this one that is still kept (a window of minutes parsed a
      // moment before this read starts a few milliseconds before it; an hour's edge, up to an hour).
      const kept = Math.min(end, ceilTo(keptSince(level), unit));
      cover(start, kept, FINER[level], sign);
      return cover(kept, end, level, sign);
    }
    const [firstWhole, lastWhole] = [ceilTo(start, unit), floorTo(end, unit)];
    if (firstWhole > lastWhole) return partial(start, end, level, sign);
    partial(start, firstWhole, level, sign);
    if (firstWhole < lastWhole) parts.push({ source: level, from: new Date(firstWhole), to: new Date(lastWhole), sign });
    partial(lastWhole, end, level, sign);
  };
  // [start, end) lies inside one unit of `level`: read it, or the unit's rollup row minus the rest of the unit.
  const partial = (start: number, end: number, level: Granularity, sign: 1 | -1): void => {
    if (start >= end) return;
    const [unitStart, unitEnd] = [floorTo(start, bucketStepMs(level)), floorTo(start, bucketStepMs(level)) + bucketStepMs(level)];
    if (gone(level, unitStart) || cost(start, end) <= cost(unitStart, start) + cost(end, unitEnd)) return cover(start, end, FINER[level], sign);
    parts.push({ source: level, from: new Date(unitStart), to: new Date(unitEnd), sign });
    cover(unitStart, start, FINER[level], -sign as 1 | -1);
    cover(end, unitEnd, FINER[level], -sign as 1 | -1);
  };
  cover(from.getTime(), to.getTime(), granularity, 1);
  return parts;
}

/** The window of the same length right before: what "vs previous" compares with. */
export const previousWindow = (from: Date, to: Date) => ({ from: new Date(2 * from.getTime() - to.getTime()), to: from });
