/** Deterministic pseudo-random numbers in [0, 1) (an LCG), so a failing workload can be replayed. */
export function seededRandom(seed: number): () => number {
  return () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}
