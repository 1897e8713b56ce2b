import { invalidQueryParameter } from '../invalid-input';

/** Rollup resolution: metrics_hourly rows or metrics_daily rows. */
export type CoarseGranularity = 'hour' | 'day';
/** A chart bucket: a minute (metrics_minutely), 5 minutes (metrics_5min), an hour or a day. */
export type Granularity = 'minute' | '5min' | CoarseGranularity;

/** How a page names its bucket (`per 5 minutes`) and its resolution (`5-minute`, `hourly`). */
export const GRANULARITY_NAMES: Record<Granularity, { per: string; resolution: string }> = {
  minute: { per: 'minute', resolution: '1-minute' },
  '5min': { per: '5 minutes', resolution: '5-minute' },
  hour: { per: 'hour', resolution: 'hourly' },
  day: { per: 'day', resolution: 'daily' },
};

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

/** How far back metrics_minutely and metrics_5min hold rows: their default retention, 2 days. */
export const MINUTE_ROLLUPS_KEPT_MS = 2 * 86_400_000;
/** 1-minute buckets up to 6 h, 5-minute ones up to 48 h, within what the minute rollups hold. */
export const MINUTELY_UP_TO_MS = RANGE_PRESETS['6h'].ms;
export const FIVE_MINUTELY_UP_TO_MS = MINUTE_ROLLUPS_KEPT_MS;

export const coarseGranularityFor = (spanMs: number): CoarseGranularity => (spanMs <= HOURLY_UP_TO_MS ? 'hour' : 'day');

/**
 * The chart buckets of a window: minutes or 5 minutes while the window lies inside the last 48 hours
 * (the minute rollups' default retention; older minute rows are gone), hours up to 7 days, days beyond.
 */
export function granularityFor(from: Date, to: Date, now: Date): Granularity {
  const spanMs = to.getTime() - from.getTime();
  if (from.getTime() >= now.getTime() - MINUTE_ROLLUPS_KEPT_MS) {
    if (spanMs <= MINUTELY_UP_TO_MS) return 'minute';
    if (spanMs <= FIVE_MINUTELY_UP_TO_MS) return '5min';
  }
  return coarseGranularityFor(spanMs);
}

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
    const from = new Date(now.getTime() - RANGE_PRESETS[preset].ms);
    return { preset, from, to: now, granularity: granularityFor(from, now, now) };
  }
  if (preset !== 'custom') {
    throw invalidQueryParameter('range', `expected one of ${[...Object.keys(RANGE_PRESETS), 'custom'].join(', ')}, got "${preset}"`);
  }
  const from = parseCustomTime(params.from, 'from').at;
  const toTime = parseCustomTime(params.to, 'to');
  const to = toTime.wholeDay ? new Date(toTime.at.getTime() + 86_400_000) : toTime.at;
  if (to <= from) throw invalidQueryParameter('to', 'must be after from');
  if (to.getTime() - from.getTime() > LONGEST_RANGE_MS) throw invalidQueryParameter('to', 'a custom range spans at most 1095 days');
  return { preset: 'custom', from, to, granularity: granularityFor(from, to, now) };
}
