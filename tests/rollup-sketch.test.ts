import { describe, expect, it } from 'vitest';
import {
  addToSketch,
  emptySketch,
  mergeSketches,
  parseSketch,
  quantileFromSketch,
  RELATIVE_ACCURACY,
  serializeSketch,
  sketchCount,
} from '../lib/rollups/sketch';
import { seededRandom } from './helpers/random';

const nearestRank = (sorted: number[], q: number) => sorted[Math.max(1, Math.ceil(q * sorted.length - 1e-9)) - 1]!;

describe('duration sketch', () => {
  it('answers p50/p95/p99 within 2% of the exact values, also after merging and a round trip through the column text', () => {
    const next = seededRandom(42);
    // Log-normal-ish latencies from sub-millisecond to minutes, plus exact zeros.
    const values = Array.from({ length: 20_000 }, (_, i) => (i % 97 === 0 ? 0 : Math.exp(next() * 12 - 3) * (1 + next())));
    const parts = [emptySketch(), emptySketch(), emptySketch()];
    values.forEach((v, i) => addToSketch(parts[i % 3]!, v));
    const merged = parts.map((p) => parseSketch(serializeSketch(p))).reduce(mergeSketches);
    expect(sketchCount(merged)).toBe(values.length);
    const sorted = [...values].sort((a, b) => a - b);
    for (const q of [0, 0.01, 0.5, 0.95, 0.99, 1]) {
      const exact = nearestRank(sorted, q);
      const estimate = quantileFromSketch(merged, q)!;
      if (exact === 0) expect(estimate).toBe(0);
      else expect(Math.abs(estimate - exact) / exact).toBeLessThanOrEqual(RELATIVE_ACCURACY + 1e-12);
    }
    expect(RELATIVE_ACCURACY).toBeLessThanOrEqual(0.02);
  });

  it('serializes equal contents to equal text and empty to NULL, and rejects malformed column text', () => {
    const a = addToSketch(addToSketch(emptySketch(), 5), 120);
    const b = addToSketch(addToSketch(emptySketch(), 120), 5);
    expect(serializeSketch(a)).toBe(serializeSketch(b));
    expect(serializeSketch(emptySketch())).toBeNull();
    // Compact JSON, bins in numeric order (negative ones first): the dashboard's reader depends on this spelling.
    const mixed = [0, 0, 0.0005, 0.9, 1, 1.5, 42, 42.1, 1e6].reduce(addToSketch, emptySketch());
    expect(mixed.bins[0]).toBeLessThan(0);
    expect(mixed.bins).toEqual([...mixed.bins].sort((a, b) => a - b));
    expect(serializeSketch(mixed)).toBe(`{"zeros":2,"bins":{${mixed.bins.map((bin, i) => `"${bin}":${mixed.counts[i]}`).join(',')}}}`);
    expect(parseSketch(serializeSketch(mixed))).toEqual(mixed);
    // Any other JSON spelling reads the same: spaces, bins out of order, a bin twice over spellings, a zero count.
    const bins = mixed.bins.map((bin, i) => [bin, mixed.counts[i]!] as const).reverse();
    const loose = `{ "bins": { ${bins.map(([bin, n]) => `"${bin}": ${n}`).join(', ')}, "0${bins[0]![0]}": 0 }, "zeros": 2 }`;
    expect(parseSketch(loose)).toEqual(mixed);
    expect(parseSketch('{"zeros":0,"bins":{"5":1,"05":2}}')).toEqual({ zeros: 0, bins: [5], counts: [3] });
    expect(parseSketch('{"zeros":0,"bins":{"7":1,"5":2}}')).toEqual({ zeros: 0, bins: [5, 7], counts: [2, 1] });
    expect(mergeSketches(parseSketch('{"zeros":1,"bins":{"-3":1,"5":2}}'), parseSketch('{"zeros":0,"bins":{"4":1,"5":1,"9":3}}'))).toEqual({
      zeros: 1,
      bins: [-3, 4, 5, 9],
      counts: [1, 1, 3, 3],
    });
    expect(quantileFromSketch(parseSketch(null), 0.5)).toBeNull();
    expect(() => parseSketch('{"zeros":-1,"bins":{}}')).toThrow(/not a duration sketch/);
    expect(() => parseSketch('{"zeros":0,"bins":{"x":1}}')).toThrow(/bin/);
    // A count beyond a double's range (Infinity once read) is no count, spelled compactly or not.
    expect(() => parseSketch(`{"zeros":0,"bins":{"5":${'9'.repeat(400)}}}`)).toThrow(/bin/);
    expect(() => addToSketch(emptySketch(), -1)).toThrow(RangeError);
  });
});
