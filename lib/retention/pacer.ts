/**
 * Sizes batches of work so that each write transaction stays near `targetMs`: it halves the batch
 * after a slow one and grows it by a quarter after a quick one, within [min, max]. How long a batch
 * takes depends on the machine, the cache and the indexes, so a fixed row count cannot promise that
 * a waiting ingest request gets the lock quickly; a measured one can.
 */
export class Pacer {
  size: number;
  /** Duration of the last batch, in ms. */
  lastMs = 0;

  constructor(
    private readonly max: number,
    private readonly targetMs: number,
    private readonly min = Math.min(50, max),
  ) {
    // Start small and grow: the first batch's cost is unknown.
    this.size = Math.min(max, Math.max(this.min, 200));
  }

  /** Times one batch and adjusts the size of the next; returns what the batch returned. */
  timed<T>(batch: (size: number) => T): T {
    const started = performance.now();
    const result = batch(this.size);
    const took = (this.lastMs = performance.now() - started);
    if (took > this.targetMs) this.size = Math.max(this.min, Math.floor(this.size / 2));
    else if (took < this.targetMs / 2) this.size = Math.min(this.max, Math.ceil(this.size * 1.25));
    return result;
  }
}
