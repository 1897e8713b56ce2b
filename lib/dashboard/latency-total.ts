import { quantileFromSketch, type Sketch } from '../rollups/sketch';

// Bins a sketch of a valid duration can hold: 0.0017 ms (bin -320) to past the 86,400,000 ms ingestion cap (913).
const LOWEST_BIN = -320;
const SLOTS = 1280;

/**
 * Adds up stored latency sketches (the `duration_sketch` column, format in lib/rollups/sketch.ts) for a
 * chart. The overview merges thousands of them per view, so they are summed into a dense array rather
 * than through parseSketch/mergeSketchInto (which validate and re-key every bin: 5x slower, see
 * bench:dashboard); quantiles still come from quantileFromSketch. A bin below LOWEST_BIN (a duration
 * under 0.002 ms) counts in the lowest slot: it reads as ~0 ms either way.
 */
export class LatencyTotal {
  private zeros = 0;
  private readonly counts = new Float64Array(SLOTS);

  addStored(text: string): this {
    const { zeros, bins } = JSON.parse(text) as Sketch;
    this.zeros += zeros;
    for (const key in bins) this.counts[Math.min(SLOTS - 1, Math.max(0, Number(key) - LOWEST_BIN))] += bins[key];
    return this;
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
