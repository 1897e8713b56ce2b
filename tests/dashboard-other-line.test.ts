import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { MAX_LINES, OTHER_LINE } from '../lib/dashboard/breakdown';
import { loadOverview } from '../lib/dashboard/load-overview';
import { parseTimeRange } from '../lib/dashboard/time-range';
import { addToSketch, emptySketch, quantileFromSketch } from '../lib/rollups/sketch';
import { ingest } from './helpers/ingest-batch';
import { migratedDatabase } from './helpers/tempdb';

// The middle of an hour, so that the calls below fall in one hour and one minute whenever the test runs.
const now = Math.floor(Date.now() / 3_600_000) * 3_600_000 + 30 * 60_000;
const minute = new Date(now - 20 * 60_000).toISOString();
const SERIES = MAX_LINES + 3;

// Series i reports SERIES + 1 - i calls (so the first MAX_LINES - 1 are the busiest), each slower than the last,
// the last of each failing.
const calls = (i: number) => Array.from({ length: SERIES + 1 - i }, (_, j) => ({ durationMs: 100 * (i + 1) + 7 * j, success: j < SERIES - i }));
const folded = Array.from({ length: SERIES }, (_, i) => i).filter((i) => i >= MAX_LINES - 1);

/** What the folded series' calls add up to, from their durations themselves. */
function expectedOther() {
  const sketch = emptySketch();
  let [failures, all] = [0, 0];
  for (const i of folded)
    for (const call of calls(i)) {
      addToSketch(sketch, call.durationMs);
      failures += call.success ? 0 : 1;
      all++;
    }
  return { p95: quantileFromSketch(sketch, 0.95), errorRate: (failures / all) * 100 };
}

describe('the "other" line', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await migratedDatabase());
    for (let i = 0; i < SERIES; i++) {
      const name = `s${String(i).padStart(2, '0')}`;
      const metrics = calls(i).map(({ durationMs, success }) => ({
        type: 'tool_execution',
        timestamp: minute,
        value: 1,
        duration_ms: durationMs,
        dimensions: { tool_name: name, server_name: 'github', client_name: 'claude', success },
      }));
      await ingest(db, `mcp-${name}`, metrics, now);
    }
  });
  afterAll(() => cleanup());

  it.each([
    ['tool', 'hour'],
    ['service', 'minute'],
  ] as const)('per %s holds exactly what the folded series add up to', async (split, granularity) => {
    const range = parseTimeRange({ range: '1h' }, new Date(now));
    const overview = await loadOverview(db, { range, groupBy: 'service', split, stat: 'p95' }, new Date(now));
    const { breakdown } = overview;
    expect(breakdown.granularity).toBe(granularity);
    expect(breakdown.series).toHaveLength(MAX_LINES);
    expect(breakdown.series.at(-1)).toBe(OTHER_LINE);
    const bucket = minute.slice(0, granularity === 'hour' ? 13 : 16);
    const { p95, errorRate } = expectedOther();
    expect(breakdown.latency.find((p) => p.bucket === bucket)!.values[OTHER_LINE]).toBe(p95);
    expect(breakdown.errorRate.find((p) => p.bucket === bucket)!.values[OTHER_LINE]).toBeCloseTo(errorRate, 9);
    // Buckets without a metric have no point on any line, "other" included.
    const empty = breakdown.latency.find((p) => p.bucket !== bucket)!;
    expect(Object.values(empty.values).every((v) => v === null)).toBe(true);
  });
});
