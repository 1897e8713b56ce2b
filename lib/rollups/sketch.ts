/**
 * Mergeable latency sketch of `duration_ms`, stored per rollup row in
 * `metrics_hourly.duration_sketch` / `metrics_daily.duration_sketch`.
 *
 * Column format (TEXT, JSON; NULL when the row has no durations):
 *   `{"zeros": <count of durations equal to 0>, "bins": {"<i>": <count>, ...}}`
 * where a duration d > 0 falls in bin i = ceil(log(d) / log(GAMMA)), i.e. (GAMMA^(i-1), GAMMA^i].
 * Bins are fixed for every row and table, so sketches of any rows merge by adding counts.
 *
 * Accuracy: each bin answers with 2·GAMMA^i / (GAMMA + 1), which is within RELATIVE_ACCURACY (1%)
 * of every value in the bin, so a quantile read from a sketch (hourly, daily, or any merge of them)
 * is within 1% of the exact nearest-rank quantile of the underlying durations (the issue asks ≤ 2%).
 *
 * API:
 *   emptySketch()                       a sketch with no values
 *   addToSketch(sketch, durationMs)     counts one duration (mutates, returns the sketch)
 *   mergeSketches(a, b)                 a new sketch holding the values of both
 *   mergeSketchInto(target, source)     adds source's counts into target (mutates target)
 *   parseSketch(text)                   column text (or null) -> sketch; throws on a malformed value
 *   serializeSketch(sketch)             sketch -> column text (null when empty)
 *   sketchCount(sketch)                 how many values it holds
 *   quantileFromSketch(sketch, q)       nearest-rank quantile q in [0, 1]; null when empty
 *
 * Typical dashboard use: `quantileFromSketch(rows.map(r => parseSketch(r.duration_sketch))
 *   .reduce(mergeSketchInto, emptySketch()), 0.95)`.
 */

export const RELATIVE_ACCURACY = 0.01;
export const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);

export interface Sketch {
  zeros: number;
  /** Bin index (as a decimal string, the JSON key) -> count. */
  bins: Record<string, number>;
}

export function emptySketch(): Sketch {
  return { zeros: 0, bins: {} };
}

export function binOf(durationMs: number): number {
  return Math.ceil(Math.log(durationMs) / LOG_GAMMA);
}

/** The value a bin answers with: within RELATIVE_ACCURACY of every duration in it. */
export function binValue(bin: number): number {
  return (2 * Math.pow(GAMMA, bin)) / (GAMMA + 1);
}

export function addToSketch(sketch: Sketch, durationMs: number): Sketch {
  if (!(durationMs >= 0) || !Number.isFinite(durationMs)) throw new RangeError(`a sketch holds finite durations >= 0, got ${durationMs}`);
  if (durationMs === 0) sketch.zeros += 1;
  else {
    const key = String(binOf(durationMs));
    sketch.bins[key] = (sketch.bins[key] ?? 0) + 1;
  }
  return sketch;
}

export function mergeSketchInto(target: Sketch, source: Sketch): Sketch {
  target.zeros += source.zeros;
  for (const [key, count] of Object.entries(source.bins)) target.bins[key] = (target.bins[key] ?? 0) + count;
  return target;
}

export function mergeSketches(a: Sketch, b: Sketch): Sketch {
  return mergeSketchInto(mergeSketchInto(emptySketch(), a), b);
}

export function sketchCount(sketch: Sketch): number {
  let total = sketch.zeros;
  for (const count of Object.values(sketch.bins)) total += count;
  return total;
}

export function parseSketch(text: string | null | undefined): Sketch {
  if (text === null || text === undefined || text === '') return emptySketch();
  const value = JSON.parse(text) as Partial<Sketch>;
  const wholeCount = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  if (!value || typeof value !== 'object' || !wholeCount(value.zeros) || !value.bins || typeof value.bins !== 'object') {
    throw new Error(`not a duration sketch: ${text.slice(0, 80)}`);
  }
  for (const [key, count] of Object.entries(value.bins)) {
    if (!/^-?\d+$/.test(key) || !wholeCount(count)) throw new Error(`not a duration sketch bin: ${key}=${String(count)}`);
  }
  return { zeros: value.zeros!, bins: { ...value.bins } };
}

/**
 * Bins in ascending order, so equal sketches serialize to equal text; compact JSON with no spaces
 * (the dashboard's reader relies on exactly this spelling). Written by hand: this runs on every commit.
 */
export function serializeSketch(sketch: Sketch): string | null {
  const keys = Object.keys(sketch.bins)
    .filter((k) => sketch.bins[k]! > 0)
    .sort((a, b) => Number(a) - Number(b));
  if (sketch.zeros === 0 && keys.length === 0) return null;
  let text = `{"zeros":${sketch.zeros},"bins":{`;
  for (let i = 0; i < keys.length; i++) text += `${i ? ',' : ''}"${keys[i]}":${sketch.bins[keys[i]!]}`;
  return `${text}}}`;
}

/** The value at rank max(1, ceil(q·n)) of the n durations held, within RELATIVE_ACCURACY; null if empty. */
export function quantileFromSketch(sketch: Sketch, q: number): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be within [0, 1], got ${q}`);
  const total = sketchCount(sketch);
  if (total === 0) return null;
  // The epsilon keeps 0.95 * 100 = 95.00000000000001 at rank 95.
  const rank = Math.max(1, Math.ceil(q * total - 1e-9));
  if (rank <= sketch.zeros) return 0;
  let seen = sketch.zeros;
  const bins = Object.keys(sketch.bins)
    .map(Number)
    .sort((a, b) => a - b);
  for (const bin of bins) {
    seen += sketch.bins[String(bin)]!;
    if (seen >= rank) return binValue(bin);
  }
  return binValue(bins.at(-1)!);
}
