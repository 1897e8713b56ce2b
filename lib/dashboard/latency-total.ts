import { binOf, quantileFromSketch, type Sketch } from '../rollups/sketch';

// Bins a sketch of a valid duration can hold: 0.0017 ms (bin -320) to past the 86,400,000 ms ingestion cap (913).
const LOWEST_BIN = -320;
const SLOTS = 1280;
const COMPACT_START = '{"zeros":';
const BINS_START = ',"bins":{';
const [MINUS, QUOTE, COLON, COMMA, CLOSE] = ['-', '"', ':', ',', '}'].map((c) => c.charCodeAt(0));

// (bin, count) pairs of the sketch being scanned, and the scan position; shared, as scans never interleave.
const SCRATCH = new Float64Array(8192);
let at = 0;

/** The unsigned integer at `at` (moving past it), or -1 when no digit is there. */
function digits(text: string): number {
  let value = -1;
  for (let digit = text.charCodeAt(at) - 48; digit >= 0 && digit <= 9; digit = text.charCodeAt(++at) - 48) value = (value < 0 ? 0 : value * 10) + digit;
  return value;
}

/**
 * Reads `{"zeros":Z,"bins":{"B":N,...}}` exactly as serializeSketch writes it (integers, no spaces) into
 * SCRATCH; null when the text is spelled any other way (JSON.parse then reads it, or says it is broken).
 */
function scanCompact(text: string): { zeros: number; length: number } | null {
  if (!text.startsWith(COMPACT_START)) return null;
  at = COMPACT_START.length;
  const zeros = digits(text);
  if (zeros < 0 || !text.startsWith(BINS_START, at)) return null;
  at += BINS_START.length;
  let length = 0;
  if (text.charCodeAt(at) !== CLOSE) {
    for (;;) {
      if (text.charCodeAt(at++) !== QUOTE) return null;
      const negative = text.charCodeAt(at) === MINUS;
      if (negative) at++;
      const bin = digits(text);
      if (bin < 0 || text.charCodeAt(at) !== QUOTE || text.charCodeAt(at + 1) !== COLON) return null;
      at += 2;
      const count = digits(text);
      if (count < 0 || length === SCRATCH.length) return null;
      SCRATCH[length++] = negative ? -bin : bin;
      SCRATCH[length++] = count;
      if (text.charCodeAt(at) !== COMMA) break;
      at++;
    }
  }
  return at === text.length - 2 && text.charCodeAt(at) === CLOSE && text.charCodeAt(at + 1) === CLOSE ? { zeros, length } : null;
}

/**
 * Adds up stored latency sketches (the `duration_sketch` column, format in lib/rollups/sketch.ts) for a
 * chart. The overview merges over a thousand of them per view (90 days x services x types), so they are
 * summed into a dense array rather than through parseSketch/mergeSketchInto, which validate and re-key
 * every bin (5x slower); the compact text serializeSketch writes is read by a scanner (about 2x faster
 * than JSON.parse), any other JSON spelling by JSON.parse. Quantiles still come from quantileFromSketch.
 * A bin below LOWEST_BIN (a duration under 0.002 ms) counts in the lowest slot: it reads as ~0 ms either way.
 */
export class LatencyTotal {
  private zeros = 0;
  private readonly counts = new Float64Array(SLOTS);

  /** Adds a stored sketch (`sign` -1 takes one away: a rollup row minus the part of its hour outside a window). */
  addStored(text: string, sign: 1 | -1 = 1): this {
    const scanned = scanCompact(text);
    if (scanned) {
      this.zeros += sign * scanned.zeros;
      for (let i = 0; i < scanned.length; i += 2) this.countBin(SCRATCH[i], sign * SCRATCH[i + 1]);
      return this;
    }
    const { zeros, bins } = JSON.parse(text) as Partial<Sketch>;
    if (typeof zeros !== 'number' || typeof bins !== 'object' || bins === null) throw new Error(`not a duration sketch: ${text.slice(0, 80)}`);
    this.zeros += sign * zeros;
    for (const key in bins) this.countBin(Number(key), sign * bins[key]);
    return this;
  }

  /** One raw duration, binned as addToSketch bins it (a window's partial hours come from raw metrics). */
  addDuration(durationMs: number, sign: 1 | -1 = 1): this {
    if (durationMs === 0) this.zeros += sign;
    else this.countBin(binOf(durationMs), sign);
    return this;
  }

  private countBin(bin: number, count: number): void {
    this.counts[Math.min(SLOTS - 1, Math.max(0, bin - LOWEST_BIN))] += count;
  }

  add(other: LatencyTotal): this {
    this.zeros += other.zeros;
    for (let i = 0; i < SLOTS; i++) this.counts[i] += other.counts[i];
    return this;
  }

  /**
   * The nearest-rank quantile q, as quantileFromSketch defines it (rank max(1, ceil(q·n))); the value of
   * the bin holding that rank comes from quantileFromSketch itself. Null when empty.
   */
  quantile(q: number): number | null {
    let total = this.zeros;
    for (let i = 0; i < SLOTS; i++) total += this.counts[i];
    if (total === 0) return null;
    const rank = Math.max(1, Math.ceil(q * total - 1e-9));
    if (rank <= this.zeros) return 0;
    let seen = this.zeros;
    let slot = 0;
    while (slot < SLOTS - 1 && (seen += this.counts[slot]) < rank) slot++;
    return quantileFromSketch({ zeros: 0, bins: { [String(slot + LOWEST_BIN)]: 1 } }, 1);
  }
}
