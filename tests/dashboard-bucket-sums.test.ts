import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTransaction, type Db } from '../db/client';
import { explainDimensionRows } from '../db/queries/dimension-rollups';
import { explainMinuteRollupRows } from '../db/queries/minute-rollups';
import { explainRollupRows } from '../db/queries/dashboard';
import { openTarget, targetOf } from '../db/target';
import { bucketSumStats, forgetBucketSums } from '../lib/dashboard/bucket-sums';
import { loadOverview, type OverviewQuery } from '../lib/dashboard/load-overview';
import { parseTimeRange, type RangePreset } from '../lib/dashboard/time-range';
import { applyRetentionCleanup } from '../lib/retention/apply-cleanup';
import { rebuildRollups } from '../lib/rollups/rebuild';
import { ingest } from './helpers/ingest-batch';
import { expectRangeSearch, planForBigTables } from './helpers/range-search';
import { migratedDatabase } from './helpers/tempdb';

// The middle of an hour, so that which buckets are whole does not depend on when the test runs.
const now = Math.floor(Date.now() / 3_600_000) * 3_600_000 + 30 * 60_000;
const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();

const call = (minutesAgo: number, tool: string, durationMs: number, success = true) => ({
  type: 'tool_execution',
  timestamp: at(minutesAgo),
  value: 1,
  duration_ms: durationMs,
  dimensions: { tool_name: tool, server_name: 'github', client_name: 'claude', success },
});

describe('kept bucket sums', () => {
  let db: Db;
  let file: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, file, cleanup } = await migratedDatabase());
    await ingest(
      db,
      'mcp-github',
      [call(3 * 24 * 60, 'search', 80), call(400, 'search', 100), call(200, 'search', 300, false), call(150, 'issue', 50), call(40, 'search', 20)],
      now,
    );
    await ingest(db, 'auth-server', [{ type: 'auth_request', timestamp: at(100), value: 1, duration_ms: 5, dimensions: { success: true } }], now);
  });
  afterAll(() => cleanup());

  const query = (range: RangePreset, extra: Partial<OverviewQuery> = {}): OverviewQuery => ({
    range: parseTimeRange({ range }, new Date(now)),
    groupBy: 'service',
    ...extra,
  });
  const load = (q: OverviewQuery) => loadOverview(db, q, new Date(now));
  /** The overview read from the rows alone: what a load with kept sums must answer. */
  const fromRows = (q: OverviewQuery) => {
    forgetBucketSums(db);
    return load(q);
  };

  // Charted by 5 minutes, hours and days.
  it.each(['24h', '7d', '30d'] as const)('a %s view read again answers from its kept bucket sums as it did from the rows', async (range) => {
    const q = query(range, { split: range === '7d' ? 'tool' : 'service' });
    const first = await fromRows(q);
    expect(bucketSumStats(db).kept).toBeGreaterThan(0);
    const again = await load(q);
    expect(bucketSumStats(db).hits).toBeGreaterThan(0);
    expect(again).toEqual(first);
    expect(again.kpis.requests.current).toBe(range === '24h' ? 5 : 6);
  });

  it('reads a closed bucket again once another instance writes a late metric into it, and lines per tool too', async () => {
    const q = query('7d', { split: 'tool' });
    await fromRows(q);
    await load(q);
    const { misses } = bucketSumStats(db);
    // Two hours late, into an hour whose sum is kept, through a connection of its own (another instance on
    // the same database): a slow tool call that moves that hour's p95.
    const other = openTarget(targetOf(file));
    await ingest(other, 'mcp-github', [call(150, 'issue', 9_000, false)], now);
    await other.close();
    const late = await load(q);
    expect(bucketSumStats(db).misses).toBeGreaterThan(misses);
    expect(late.kpis.requests.current).toBe(7);
    const hour = at(150).slice(0, 13);
    expect(late.durations.find((d) => d.bucket === hour)!.p95).toBeGreaterThan(8_000);
    expect(late.breakdown.errorRate.find((p) => p.bucket === hour)!.values.issue).toBe(50);
    expect(late).toEqual(await fromRows(q));
  });

  it('reads buckets again after a rollup rebuild, also where their counts stay the same', async () => {
    const q = query('7d');
    await fromRows(q);
    await load(q);
    // A raw metric's duration repaired behind the rollups' back, then the rollups rebuilt from the raw rows:
    // the same counts, another sketch.
    await writeTransaction(db, (tx) => tx.run(`UPDATE metrics SET duration_ms = 60000 WHERE service = 'mcp-github' AND duration_ms = 100`));
    await rebuildRollups(db, {}, 'test');
    const rebuilt = await load(q);
    expect(rebuilt.kpis.requests.current).toBe(7);
    expect(rebuilt.durations.find((d) => d.bucket === at(400).slice(0, 13))!.p95).toBeGreaterThan(50_000);
    expect(rebuilt).toEqual(await fromRows(q));
  });

  it('forgets the buckets retention emptied', async () => {
    const q = query('24h');
    const before = await fromRows(q);
    await load(q);
    // Past the 5-minute rollups' 2 days (and short of the raw metrics' 90): the window's 5-minute rows go.
    await applyRetentionCleanup(db, { dryRun: false, table: 'metrics_5min', actor: 'test', pauseMs: 0, now: new Date(now + 3 * 86_400_000) });
    const after = await load(q);
    expect(after.kpis.requests.current).toBeLessThan(before.kpis.requests.current!);
    expect(after).toEqual(await fromRows(q));
  });

  it('reads signatures on the index that bounds the rows', async () => {
    const minutes = { minutes: 5 as const, first: at(600).slice(0, 16), afterLast: at(0).slice(0, 16) };
    const hours = { first: at(600).slice(0, 13), afterLast: at(0).slice(0, 13) };
    await planForBigTables(db, async (reader) => {
      expectRangeSearch(await explainMinuteRollupRows(reader, minutes, 'signatures'), 'metrics_5min', 'minute_timestamp');
      expectRangeSearch(await explainRollupRows(reader, { ...hours, granularity: 'hour' }, 'signatures'), 'metrics_hourly', 'hour_timestamp');
      expectRangeSearch(await explainDimensionRows(reader, { ...hours, dimension: 'tool' }, 'signatures'), 'metrics_dimension_hourly', 'hour_timestamp');
    });
  });
});
