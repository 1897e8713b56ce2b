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
 *   scanStoredSketch(text)              serializeSketch's spelling read into shared scratch pairs (the dashboard's reader)
 *
 * Typical dashboard use: `quantileFromSketch(rows.map(r => parseSketch(r.duration_sketch))
 *   .reduce(mergeSketchInto, emptySketch()), 0.95)`.
 */

export const RELATIVE_ACCURACY = 0.01;
export const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);

/**
 * Bins as two parallel arrays, ascending, each count > 0. Every commit reads the sketch of each rollup row it
 * adds to and writes it back: an object keyed by bin (sparse integer keys, which V8 keeps as a dictionary)
 * took 12 µs to read a 100-bin sketch (1.2 KB) and 10 µs to write it out, against 6 and 4 µs for these arrays.
 */
export interface Sketch {
  zeros: number;
  bins: number[];
  counts: number[];
}

export function emptySketch(): Sketch {
  return { zeros: 0, bins: [], counts: [] };
}

export function binOf(durationMs: number): number {
  return Math.ceil(Math.log(durationMs) / LOG_GAMMA);
}

/** The value a bin answers with: within RELATIVE_ACCURACY of every duration in it. */
export function binValue(bin: number): number {
  return (2 * Math.pow(GAMMA, bin)) / (GAMMA + 1);
}

/** Adds `count` to `bin`: found (or placed) by a binary search. */
function countBin(sketch: Sketch, bin: number, count: number): void {
  const { bins, counts } = sketch;
  let [lo, hi] = [0, bins.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bins[mid]! < bin) lo = mid + 1;
    else hi = mid;
  }
  if (bins[lo] === bin) counts[lo]! += count;
  else {
    bins.splice(lo, 0, bin);
    counts.splice(lo, 0, count);
  }
}

export function addToSketch(sketch: Sketch, durationMs: number): Sketch {
  if (!(durationMs >= 0) || !Number.isFinite(durationMs)) throw new RangeError(`a sketch holds finite durations >= 0, got ${durationMs}`);
  if (durationMs === 0) sketch.zeros += 1;
  else countBin(sketch, binOf(durationMs), 1);
  return sketch;
}

export function mergeSketchInto(target: Sketch, source: Sketch): Sketch {
  target.zeros += source.zeros;
  const [bins, counts] = [[] as number[], [] as number[]];
  let [i, j] = [0, 0];
  while (i < target.bins.length || j < source.bins.length) {
    const [a, b] = [target.bins[i] ?? Infinity, source.bins[j] ?? Infinity];
    bins.push(Math.min(a, b));
    counts.push((a <= b ? target.counts[i++]! : 0) + (b <= a ? source.counts[j++]! : 0));
  }
  [target.bins, target.counts] = [bins, counts];
  return target;
}

export function mergeSketches(a: Sketch, b: Sketch): Sketch {
  return mergeSketchInto(mergeSketchInto(emptySketch(), a), b);
}

export function sketchCount(sketch: Sketch): number {
  return sketch.counts.reduce((total, count) => total + count, sketch.zeros);
}

const COMPACT_START = '{"zeros":';
const BINS_START = ',"bins":{';
const [MINUS, QUOTE, COLON, COMMA, CLOSE] = ['-', '"', ':', ',', '}'].map((c) => c.charCodeAt(0));

// (bin, count) pairs of the sketch last scanned; shared, as scans never interleave.
const SCRATCH = new Float64Array(8192);

/**
 * Reads `{"zeros":Z,"bins":{"B":N,...}}` exactly as serializeSketch writes it (integers, no spaces, bins
 * ascending) into shared scratch pairs (bin, count, bin, count, ...), valid until the next scan; null when the
 * text is spelled any other way (JSON.parse then reads it, or says it is broken). One function with its position
 * in a local: 3.8 ns a character of bench:dashboard's hourly and 5-minute sketches, where a position in module
 * scope and a call per number took 4.4 (the scan is a fifth of a first 7 d view by tool on PostgreSQL).
 */
export function scanStoredSketch(text: string): { zeros: number; pairs: Float64Array; length: number } | null {
  if (!text.startsWith(COMPACT_START)) return null;
  const end = text.length;
  let at = COMPACT_START.length;
  let zeros = 0;
  let digit = text.charCodeAt(at) - 48;
  if (!(digit >= 0 && digit <= 9)) return null;
  for (; digit >= 0 && digit <= 9; digit = text.charCodeAt(++at) - 48) zeros = zeros * 10 + digit;
  if (!text.startsWith(BINS_START, at)) return null;
  at += BINS_START.length;
  let length = 0;
  if (text.charCodeAt(at) !== CLOSE) {
    for (;;) {
      if (text.charCodeAt(at++) !== QUOTE || length === SCRATCH.length) return null;
      const negative = text.charCodeAt(at) === MINUS;
      if (negative) at++;
      let bin = 0;
      const binStart = at;
      for (digit = text.charCodeAt(at) - 48; digit >= 0 && digit <= 9; digit = text.charCodeAt(++at) - 48) bin = bin * 10 + digit;
      if (at === binStart || text.charCodeAt(at) !== QUOTE || text.charCodeAt(at + 1) !== COLON) return null;
      at += 2;
      let count = 0;
      const countStart = at;
      for (digit = text.charCodeAt(at) - 48; digit >= 0 && digit <= 9; digit = text.charCodeAt(++at) - 48) count = count * 10 + digit;
      if (at === countStart) return null;
      if (negative) bin = -bin;
      // Bins ascending, and numbers a double holds (300 digits read as Infinity: JSON.parse's path says so).
      if ((length > 0 && !(bin > SCRATCH[length - 2]!)) || !Number.isFinite(bin) || !Number.isFinite(count)) return null;
      SCRATCH[length++] = bin;
      SCRATCH[length++] = count;
      if (text.charCodeAt(at) !== COMMA) break;
      at++;
    }
  }
  if (!Number.isFinite(zeros) || !(at === end - 2 && text.charCodeAt(at) === CLOSE && text.charCodeAt(at + 1) === CLOSE)) return null;
  return { zeros, pairs: SCRATCH, length };
}

export function parseSketch(text: string | null | undefined): Sketch {
  if (text === null || text === undefined || text === '') return emptySketch();
  const scanned = scanStoredSketch(text);
  if (scanned) {
    const sketch = emptySketch();
    sketch.zeros = scanned.zeros;
    for (let i = 0; i < scanned.length; i += 2) {
      if (scanned.pairs[i + 1] === 0) continue;
      sketch.bins.push(scanned.pairs[i]!);
      sketch.counts.push(scanned.pairs[i + 1]!);
    }
    return sketch;
  }
  const value = JSON.parse(text) as { zeros?: unknown; bins?: unknown };
  const wholeCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  if (!value || typeof value !== 'object' || !wholeCount(value.zeros) || !value.bins || typeof value.bins !== 'object') {
    throw new Error(`not a duration sketch: ${text.slice(0, 80)}`);
  }
  const sketch = emptySketch();
  sketch.zeros = value.zeros;
  for (const [key, count] of Object.entries(value.bins)) {
    if (!/^-?\d+$/.test(key) || !wholeCount(count)) throw new Error(`not a duration sketch bin: ${key}=${String(count)}`);
    if (count > 0) countBin(sketch, Number(key), count);
  }
  return sketch;
}

/**
 * Bins in ascending order, so equal sketches serialize to equal text; compact JSON with no spaces
 * (the dashboard's reader relies on exactly this spelling). Written by hand: this runs on every commit.
 */
export function serializeSketch(sketch: Sketch): string | null {
  const { zeros, bins, counts } = sketch;
  if (zeros === 0 && bins.length === 0) return null;
  let text = `{"zeros":${zeros},"bins":{`;
  for (let i = 0; i < bins.length; i++) text += `${i ? ',' : ''}"${bins[i]}":${counts[i]}`;
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
  for (let i = 0; i < sketch.bins.length; i++) {
    seen += sketch.counts[i]!;
    if (seen >= rank) return binValue(sketch.bins[i]!);
  }
  return binValue(sketch.bins.at(-1)!);
}
