import { binOf, binValue, scanStoredSketch } from '../rollups/sketch';

// Bins a sketch of a valid duration can hold: 0.0017 ms (bin -320) to past the 86,400,000 ms ingestion cap (913).
const LOWEST_BIN = -320;
const SLOTS = 1280;
const slotOf = (bin: number) => Math.min(SLOTS - 1, Math.max(0, bin - LOWEST_BIN));
const EMPTY = new Float64Array(0);

// Slots are cut from shared slabs (views of one buffer each, never handed out twice, so they start at zero):
// a buffer of its own per total, some 4,000 of them for a 24 h view, spent a sixth of the view allocating.
const SLAB_SLOTS = 64 * 1024;
let slab = EMPTY;
let slabUsed = 0;
function freshSlots(n: number): Float64Array {
  if (slabUsed + n > slab.length) [slab, slabUsed] = [new Float64Array(Math.max(SLAB_SLOTS, n)), 0];
  slabUsed += n;
  return slab.subarray(slabUsed - n, slabUsed);
}
const SPARE_SLOTS = 8;

/**
 * Adds up stored latency sketches (the `duration_sketch` column, format in lib/rollups/sketch.ts) for a
 * chart. The overview merges over a thousand of them per view (90 days x services x types), so they are
 * summed into a dense array rather than through parseSketch/mergeSketchInto, which build a sketch per row
 * and new arrays per merge; the compact text serializeSketch writes is read by scanStoredSketch (about 2x
 * faster than JSON.parse), any other JSON spelling by JSON.parse. Quantiles answer with binValue, as quantileFromSketch does.
 * A bin below LOWEST_BIN (a duration under 0.002 ms) counts in the lowest slot: it reads as ~0 ms either way.
 */
export class LatencyTotal {
  private zeros = 0;
  // Counts of slots base .. base + counts.length - 1, grown as bins arrive: a chart of 5-minute buckets keeps
  // some 2,000 totals per view (buckets x services) whose durations fill a few hundred of the 1,280 slots.
  private counts: Float64Array = EMPTY;
  private base = 0;
  /** zeros plus every slot's count, kept as they change: a quantile then walks the slots once. */
  private total = 0;
  /** A packed total's quantiles as answered (it is kept, and not added to again: see pack). */
  private answers: Map<number, number | null> | undefined;

  /** Adds a stored sketch (`sign` -1 takes one away: a rollup row minus the part of its hour outside a window). */
  addStored(text: string, sign: 1 | -1 = 1): this {
    this.answers = undefined;
    const scanned = scanStoredSketch(text);
    if (scanned) {
      const { zeros, pairs, length } = scanned;
      this.zeros += sign * zeros;
      this.total += sign * zeros;
      if (length === 0) return this;
      // The scan takes bins in ascending order only: the first and last give the slots to hold.
      this.hold(slotOf(pairs[0]), slotOf(pairs[length - 2]), SPARE_SLOTS);
      for (let i = 0; i < length; i += 2) {
        this.counts[slotOf(pairs[i]) - this.base] += sign * pairs[i + 1];
        this.total += sign * pairs[i + 1];
      }
      return this;
    }
    const { zeros, bins } = JSON.parse(text) as { zeros?: unknown; bins?: Record<string, number> | null };
    if (typeof zeros !== 'number' || typeof bins !== 'object' || bins === null) throw new Error(`not a duration sketch: ${text.slice(0, 80)}`);
    this.zeros += sign * zeros;
    this.total += sign * zeros;
    for (const key in bins) this.countBin(Number(key), sign * bins[key]);
    return this;
  }

  /** One raw duration, binned as addToSketch bins it (a window's partial hours come from raw metrics). */
  addDuration(durationMs: number, sign: 1 | -1 = 1): this {
    this.answers = undefined;
    if (durationMs === 0) {
      this.zeros += sign;
      this.total += sign;
    } else this.countBin(binOf(durationMs), sign);
    return this;
  }

  /**
   * Makes room for slots lo..hi and `spare` more on each side: a few for a sketch or a total, whose range is
   * known, as many as it holds for raw durations, which arrive one at a time. (Doubling for all grew most
   * totals of a 24 h view to all 1,280 slots: allocating, merging and walking them took a third of its
   * time, 64 vs 43 ms on PostgreSQL at 10 M metrics, bench:dashboard's data.)
   */
  private hold(lo: number, hi: number, spare: number): void {
    const end = this.base + this.counts.length;
    if (lo >= this.base && hi < end) return;
    const [from, to] = this.counts.length === 0 ? [lo, hi + 1] : [Math.min(lo, this.base), Math.max(hi + 1, end)];
    const [first, last] = [Math.max(0, from - spare), Math.min(SLOTS, to + spare)];
    const grown = freshSlots(last - first);
    if (this.counts.length > 0) grown.set(this.counts, this.base - first);
    [this.counts, this.base] = [grown, first];
  }

  private countBin(bin: number, count: number): void {
    const slot = slotOf(bin);
    this.hold(slot, slot, Math.max(SPARE_SLOTS, this.counts.length));
    this.counts[slot - this.base] += count;
    this.total += count;
  }

  /** Adds another total (`sign` -1 takes it away again: one this total was added from). */
  add(other: LatencyTotal, sign: 1 | -1 = 1): this {
    this.answers = undefined;
    this.zeros += sign * other.zeros;
    this.total += sign * other.total;
    if (other.counts.length === 0) return this;
    this.hold(other.base, other.base + other.counts.length - 1, SPARE_SLOTS);
    const offset = other.base - this.base;
    for (let i = 0; i < other.counts.length; i++) this.counts[offset + i] += sign * other.counts[i];
    return this;
  }

  /** How many slots it holds: what keeping it costs (8 bytes each). */
  get slots(): number {
    return this.counts.length;
  }

  /**
   * Moves the totals' slots (those that count something) out of the shared slabs into one buffer of their
   * own, for totals that are kept: a slab's view would keep the whole slab (512 KB) alive, and one buffer for
   * all of a bucket's totals costs a tenth of one each (allocating them took 6 of a first 24 h view's 57 ms).
   * A packed total remembers the quantiles it answered: a view asked again asks the same ones.
   */
  static pack(totals: readonly LatencyTotal[]): void {
    const used = totals.map(({ counts }) => {
      let [lo, hi] = [0, counts.length];
      while (lo < hi && counts[lo] === 0) lo++;
      while (hi > lo && counts[hi - 1] === 0) hi--;
      return [lo, hi] as const;
    });
    const buffer = new Float64Array(used.reduce((n, [lo, hi]) => n + hi - lo, 0));
    let at = 0;
    totals.forEach((total, i) => {
      const [lo, hi] = used[i];
      buffer.set(total.counts.subarray(lo, hi), at);
      [total.counts, total.base, total.answers] = [buffer.subarray(at, (at += hi - lo)), total.base + lo, new Map()];
    });
  }

  /**
   * The nearest-rank quantiles `qs` (ascending), as quantileFromSketch defines them (rank max(1, ceil(q·n))),
   * each answered with the value of the bin holding that rank, walking the slots once from each end. Null when empty.
   */
  quantiles(qs: readonly number[]): (number | null)[] {
    const { answers } = this;
    if (answers && qs.every((q) => answers.has(q))) return qs.map((q) => answers.get(q)!);
    const values = this.walk(qs);
    if (answers) qs.forEach((q, i) => answers.set(q, values[i]));
    return values;
  }

  // Ranks in the lower half are found walking up from the first slot, the others walking down from the last:
  // the p95 of every line of a chart is then a few slots from the top instead of most of them (a first 24 h
  // view on PostgreSQL at 10 M metrics, node --cpu-prof: 7.6% of it in the walks before, 3.4% this way).
  private walk(qs: readonly number[]): (number | null)[] {
    const { total, zeros, counts } = this;
    if (total === 0) return qs.map(() => null);
    const ranks = qs.map((q) => Math.max(1, Math.ceil(q * total - 1e-9)));
    const answers: (number | null)[] = ranks.map((rank) => (rank <= zeros ? 0 : null));
    let [up, seen] = [-1, zeros];
    ranks.forEach((rank, k) => {
      if (answers[k] !== null || 2 * rank > total) return;
      while (up < counts.length - 1 && (up < 0 || seen < rank)) seen += counts[++up];
      answers[k] = binValue(this.base + up + LOWEST_BIN);
    });
    // Through slot `down`, `through` of the total is counted: the rank's slot is the lowest whose count still reaches it.
    let [down, through] = [counts.length - 1, total];
    for (let k = ranks.length - 1; k >= 0; k--) {
      if (answers[k] !== null) continue;
      while (down > 0 && through - counts[down] >= ranks[k]) through -= counts[down--];
      answers[k] = binValue(this.base + down + LOWEST_BIN);
    }
    return answers;
  }

  quantile(q: number): number | null {
    return this.quantiles([q])[0];
  }
}
