/**
 * Sizes batches of work so that each write transaction stays near `targetMs`: after each batch it
 * looks at the median of the last few durations, halving the size when that is over the target and
 * growing it by a quarter when it is under half the target, within [min, max]. How long a batch takes
 * depends on the machine, the cache and the indexes, so a fixed row count cannot promise that a
 * waiting ingest request gets the lock quickly; a measured one can. The median ignores a lone slow
 * batch (the process lost its CPU for a moment), which a smaller batch would not have avoided.
 */
export class Pacer {
  size: number;
  /** Duration of the last batch, in ms. */
  lastMs = 0;
  private readonly recent: number[] = [];

  constructor(
    private readonly max: number,
    private readonly targetMs: number,
    private readonly min = Math.min(50, max),
    private readonly window = 5,
  ) {
    // Start small and grow: the first batch's cost is unknown.
    this.size = Math.min(max, Math.max(this.min, 200));
  }

  /** Times one batch and adjusts the size of the next; returns what the batch returned. */
  async timed<T>(batch: (size: number) => Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await batch(this.size);
    this.lastMs = performance.now() - started;
    this.recent.push(this.lastMs);
    if (this.recent.length > this.window) this.recent.shift();
    const median = [...this.recent].sort((a, b) => a - b)[Math.floor(this.recent.length / 2)]!;
    if (median > this.targetMs) {
      this.size = Math.max(this.min, Math.floor(this.size / 2));
      this.recent.length = 0; // judge the new size on its own batches
    } else if (median < this.targetMs / 2) {
      this.size = Math.min(this.max, Math.ceil(this.size * 1.25));
    }
    return result;
  }
}
