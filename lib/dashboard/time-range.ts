import { invalidQueryParameter } from '../validation';

/** Rollup resolution: metrics_hourly rows or metrics_daily rows. */
export type Granularity = 'hour' | 'day';

export const RANGE_PRESETS = {
  '15m': { label: 'Last 15 min', ms: 15 * 60_000 },
  '1h': { label: 'Last 1 h', ms: 3_600_000 },
  '6h': { label: 'Last 6 h', ms: 6 * 3_600_000 },
  '24h': { label: 'Last 24 h', ms: 86_400_000 },
  '7d': { label: 'Last 7 d', ms: 7 * 86_400_000 },
  '30d': { label: 'Last 30 d', ms: 30 * 86_400_000 },
  '90d': { label: 'Last 90 d', ms: 90 * 86_400_000 },
  '1y': { label: 'Last 1 y', ms: 365 * 86_400_000 },
} as const;

export type RangePreset = keyof typeof RANGE_PRESETS;
export const DEFAULT_PRESET: RangePreset = '24h';

/** Hourly rows are exact enough and few enough up to a week; beyond, a chart would carry too many points. */
export const HOURLY_UP_TO_MS = RANGE_PRESETS['7d'].ms;
/** The longest retention of any aggregate (metrics_daily keeps 3 years). */
export const LONGEST_RANGE_MS = 1095 * 86_400_000;

export interface TimeRange {
  preset: RangePreset | 'custom';
  from: Date;
  to: Date;
  granularity: Granularity;
}

export interface RangeParams {
  range?: string;
  from?: string;
  to?: string;
}

export const isRangePreset = (value: string | undefined): value is RangePreset => value !== undefined && Object.hasOwn(RANGE_PRESETS, value);

export const granularityFor = (spanMs: number): Granularity => (spanMs <= HOURLY_UP_TO_MS ? 'hour' : 'day');

// `YYYY-MM-DD` (a whole day) or `YYYY-MM-DDTHH:mm` as a datetime-local input sends it, with optional seconds
// and milliseconds (a drill-down or a zoom names a bucket's exact part of the window); all read as UTC.
const CUSTOM_TIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?))?$/;

function parseCustomTime(value: string | undefined, field: 'from' | 'to'): { at: Date; wholeDay: boolean } {
  const match = value ? CUSTOM_TIME.exec(value) : null;
  const time = match?.[2] ?? '00:00';
  const at = match ? new Date(`${match[1]}T${time}${time.length === 5 ? ':00' : ''}Z`) : null;
  if (!match || !at || Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== match[1]) {
    throw invalidQueryParameter(field, `expected a date YYYY-MM-DD or a time YYYY-MM-DDTHH:mm[:ss] (UTC), got "${value ?? ''}"`);
  }
  return { at, wholeDay: match[2] === undefined };
}

/**
 * Reads the range of the URL: a preset (`range=24h`), or `range=custom` with `from`/`to` (a `to` given as a
 * date includes that whole day). Anything unreadable is an InvalidInput naming the parameter.
 */
export function parseTimeRange(params: RangeParams, now: Date): TimeRange {
  const preset = params.range ?? DEFAULT_PRESET;
  if (isRangePreset(preset)) {
    const span = RANGE_PRESETS[preset].ms;
    return { preset, from: new Date(now.getTime() - span), to: now, granularity: granularityFor(span) };
  }
  if (preset !== 'custom') {
    throw invalidQueryParameter('range', `expected one of ${[...Object.keys(RANGE_PRESETS), 'custom'].join(', ')}, got "${preset}"`);
  }
  const from = parseCustomTime(params.from, 'from').at;
  const toTime = parseCustomTime(params.to, 'to');
  const to = toTime.wholeDay ? new Date(toTime.at.getTime() + 86_400_000) : toTime.at;
  if (to <= from) throw invalidQueryParameter('to', 'must be after from');
  if (to.getTime() - from.getTime() > LONGEST_RANGE_MS) throw invalidQueryParameter('to', 'a custom range spans at most 1095 days');
  return { preset: 'custom', from, to, granularity: granularityFor(to.getTime() - from.getTime()) };
}
