import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTransaction, type Db } from '../db/client';
import { explainDimensionRows, selectDimensionRows, TOTAL_VALUE } from '../db/queries/dimension-rollups';
import { bucketSpan } from '../lib/dashboard/buckets';
import { MAX_LINES, OTHER_LINE } from '../lib/dashboard/breakdown';
import { loadOverview } from '../lib/dashboard/load-overview';
import { parseTimeRange } from '../lib/dashboard/time-range';
import { DIMENSION_VALUES_PER_HOUR, OTHER_VALUE } from '../lib/rollups/dimension-rollups';
import { rebuildRollups } from '../lib/rollups/rebuild';
import { addToSketch, emptySketch, parseSketch, quantileFromSketch, serializeSketch } from '../lib/rollups/sketch';
import { ingest } from './helpers/ingest-batch';
import { expectRangeSearch, planForBigTables } from './helpers/range-search';
import { migratedDatabase } from './helpers/tempdb';

// The middle of an hour, so that "last 6 h" and its hour keys do not depend on when the test runs.
const now = Math.floor(Date.now() / 3_600_000) * 3_600_000 + 30 * 60_000;
const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
const hourKey = (minutesAgo: number) => at(minutesAgo).slice(0, 13);

describe('rollups per tool, server and client', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await migratedDatabase());
    const call = (minutesAgo: number, tool: string, success: boolean, durationMs: number, extra: Record<string, unknown> = {}) => ({
      type: 'tool_execution',
      timestamp: at(minutesAgo),
      value: 1,
      duration_ms: durationMs,
      dimensions: { tool_name: tool, server_name: 'github', client_name: 'claude', success, ...extra },
    });
    await ingest(
      db,
      'mcp-github',
      [call(10, 'search', true, 100), call(9, 'search', false, 300), call(8, 'issue', true, 50), call(70, 'search', true, 20)],
      now,
    );
    // Two commits into the same rows: the second merges with what the first stored.
    await ingest(db, 'mcp-github', [call(7, 'search', true, 200)], now);
    await ingest(
      db,
      'auth-server',
      [{ type: 'auth_request', timestamp: at(5), value: 1, duration_ms: 5, dimensions: { success: false, server: 'github' } }],
      now,
    );
    // More distinct tools in one hour than the cap: the later ones are counted together.
    await ingest(
      db,
      'noisy',
      Array.from({ length: DIMENSION_VALUES_PER_HOUR + 5 }, (_, i) => call(3, `tool-${String(i).padStart(2, '0')}`, true, 10)),
      now,
    );
    // Tools named as the reserved rows are: counted under (other), the total not doubled.
    await ingest(db, 'reserved', [call(3, TOTAL_VALUE, true, 10), call(3, OTHER_VALUE, false, 30)], now);
  });
  afterAll(() => cleanup());

  const allRows = (dimension: 'tool' | 'server' | 'client', filter: { service?: string; metricTypes?: string[] } = {}) =>
    selectDimensionRows(db, { dimension, first: hourKey(180), afterLast: hourKey(-60), ...filter });
  const rows = async (dimension: 'tool' | 'server' | 'client', filter: { service?: string; metricTypes?: string[] } = {}) =>
    (await allRows(dimension, filter)).filter((r) => r.value !== TOTAL_VALUE);

  it('stores counts, outcomes and a latency sketch per value, hour, service and type', async () => {
    const tools = (await rows('tool', { service: 'mcp-github' })).sort((a, b) => a.bucket.localeCompare(b.bucket) || a.value.localeCompare(b.value));
    expect(tools.map((r) => [r.bucket, r.value, r.count, r.successCount, r.failureCount, r.durationCount])).toEqual([
      [hourKey(70), 'search', 1, 1, 0, 1],
      [hourKey(10), 'issue', 1, 1, 0, 1],
      [hourKey(10), 'search', 3, 2, 1, 3],
    ]);
    const search = tools[2];
    expect(search.sumDurationMs).toBe(600);
    expect(quantileFromSketch(parseSketch(search.durationSketch), 0.5)).toBeCloseTo(200, -1);
    // auth_request's dimensions.server counts as its server.
    const servers = await rows('server', { metricTypes: ['auth_request'] });
    expect(servers.map((r) => [r.value, r.count, r.failureCount])).toEqual([['github', 1, 1]]);
    expect((await rows('client', { metricTypes: ['auth_request'] })).length).toBe(0);
  });

  it('keeps a total row per service, type and hour, of every metric whatever its value', async () => {
    const totals = (await allRows('tool', { service: 'mcp-github' })).filter((r) => r.value === TOTAL_VALUE).sort((a, b) => a.bucket.localeCompare(b.bucket));
    expect(totals.map((r) => [r.bucket, r.count, r.successCount, r.failureCount, r.durationCount, r.sumDurationMs])).toEqual([
      [hourKey(70), 1, 1, 0, 1, 20],
      [hourKey(10), 4, 3, 1, 4, 650],
    ]);
    // The sketch holds the four durations of its hour (100, 300, 50 and 200 ms): the median is the second, 100.
    expect(quantileFromSketch(parseSketch(totals[1].durationSketch), 0.5)).toBeCloseTo(100, -1);
    expect((await allRows('server', { metricTypes: ['auth_request'] })).map((r) => [r.value, r.count]).sort()).toEqual([
      [TOTAL_VALUE, 1],
      ['github', 1],
    ]);
  });

  it('keeps at most the cap of values per hour, the rest under (other), with every metric counted', async () => {
    const noisy = await rows('tool', { service: 'noisy' });
    expect(noisy).toHaveLength(DIMENSION_VALUES_PER_HOUR + 1);
    expect(noisy.find((r) => r.value === OTHER_VALUE)?.count).toBe(5);
    expect(noisy.reduce((n, r) => n + r.count, 0)).toBe(DIMENSION_VALUES_PER_HOUR + 5);
    const total = (await allRows('tool', { service: 'noisy' })).find((r) => r.value === TOTAL_VALUE);
    expect(total?.count).toBe(DIMENSION_VALUES_PER_HOUR + 5);
    expect((await allRows('tool', { service: 'reserved' })).map((r) => [r.value, r.count, r.failureCount])).toEqual(
      expect.arrayContaining([
        [OTHER_VALUE, 2, 1],
        [TOTAL_VALUE, 2, 1],
      ]),
    );
    expect(await allRows('tool', { service: 'reserved' })).toHaveLength(2);
  });

  it('draws p95 and error-rate lines per tool and per service', async () => {
    const range = parseTimeRange({ range: '6h' }, new Date(now));
    const byTool = await loadOverview(db, { range, groupBy: 'service', type: 'all', service: 'mcp-github', split: 'tool', stat: 'p95' }, new Date(now));
    expect(byTool.breakdown.series).toEqual(['search', 'issue']);
    const last = byTool.breakdown.errorRate.find((p) => p.bucket === hourKey(10))!;
    expect(last.values.search).toBeCloseTo(100 / 3, 5);
    expect(last.values.issue).toBe(0);
    expect(byTool.breakdown.latency.find((p) => p.bucket === hourKey(10))!.values.search).toBeCloseTo(300, -1);
    // On a chart of minutes, lines per tool stay by the hour (the dimension rows are hourly); per service, they follow the chart.
    expect(range.granularity).toBe('minute');
    expect(byTool.breakdown.granularity).toBe('hour');
    expect(byTool.breakdown.latency).toHaveLength(7);
    const byService = await loadOverview(db, { range, groupBy: 'type', type: 'all', split: 'service', stat: 'p50' }, new Date(now));
    expect(byService.breakdown.series).toEqual(['noisy', 'mcp-github', 'reserved', 'auth-server']);
    expect(byService.breakdown.granularity).toBe('minute');
    expect(byService.breakdown.errorRate.find((p) => p.bucket === at(5).slice(0, 16))!.values['auth-server']).toBe(100);
    // Beyond 7 days the dimension rows (hourly) are not offered.
    const long = await loadOverview(db, { range: parseTimeRange({ range: '30d' }, new Date(now)), groupBy: 'service', split: 'client' }, new Date(now));
    expect(long.breakdown.unavailable).toMatch(/7 days/);
  });

  it('reads a span, its signatures and its ranking by the (dimension, hour) index, with or without filters', async () => {
    const span = bucketSpan({ ...parseTimeRange({ range: '7d' }, new Date(now)) });
    const filters = [{}, { service: 'a' }, { metricTypes: ['tool_execution'] }, { service: 'a', metricTypes: ['a', 'b'] }, { values: ['a', TOTAL_VALUE] }];
    for (const filter of [...filters, { service: 'a', metricTypes: ['a'], values: ['a'] }]) {
      for (const shape of ['rows', 'signatures', 'ranking'] as const) {
        const plan = await planForBigTables(db, (reader) =>
          explainDimensionRows(reader, { dimension: 'tool', first: span.first, afterLast: span.afterLast, ...filter }, shape),
        );
        expectRangeSearch(plan, 'metrics_dimension_hourly', 'hour_timestamp', { message: `${shape} ${JSON.stringify(filter)}` });
      }
    }
  });

  // Last: it deletes a raw metric.
  it('a rollup rebuild writes the rows ingestion wrote, cap and (other) included, and keeps a day retention has partly deleted', async () => {
    const stored = () =>
      db.all<Record<string, unknown>>(
        `SELECT dimension, service, metric_type, hour_timestamp, value, count, success_count, failure_count, duration_count, sum_duration_ms, duration_sketch
         FROM metrics_dimension_hourly ORDER BY dimension, service, metric_type, hour_timestamp, value`,
      );
    const ingested = await stored();
    expect(ingested.filter((r) => r.service === 'noisy' && r.dimension === 'tool')).toHaveLength(DIMENSION_VALUES_PER_HOUR + 2);
    // Rows that went wrong, and one of a value no metric has.
    await writeTransaction(db, async (tx) => {
      await tx.run(`UPDATE metrics_dimension_hourly SET count = 0, sum_duration_ms = 0, duration_sketch = NULL`);
      await tx.run(
        `INSERT INTO metrics_dimension_hourly (dimension, value, service, metric_type, hour_timestamp) VALUES ('tool', 'ghost', 'noisy', 'tool_execution', ?)`,
        [`${hourKey(3)}:00:00Z`],
      );
    });
    await rebuildRollups(db, {}, 'test');
    expect(await stored()).toEqual(ingested);

    // Retention took one raw metric of the day: the day's rows stay as they are, the only complete record of it.
    await writeTransaction(db, async (tx) => {
      await tx.run(`DELETE FROM metrics WHERE id = (SELECT MIN(id) FROM metrics WHERE service = 'noisy')`);
      await tx.run(`UPDATE metrics_dimension_hourly SET count = count + 1000 WHERE service = 'noisy'`);
    });
    const kept = await stored();
    expect((await rebuildRollups(db, {}, 'test')).daysKept).toEqual([at(3).slice(0, 10)]);
    expect(await stored()).toEqual(kept);
  });
});

describe('the total row of a dimension group', () => {
  it('is added up again from the other rows of its group where it does not count them (rows written without totals, as before 0016)', async () => {
    const { db, cleanup } = await migratedDatabase();
    try {
      const call = (tool: string, durationMs: number, success: boolean) => ({
        type: 'tool_execution',
        timestamp: at(10),
        value: 1,
        duration_ms: durationMs,
        dimensions: { tool_name: tool, success },
      });
      await ingest(db, 'mcp-github', [call('search', 100, true)], now);
      // What an instance without migration 0016 writes: a row of its own, the total left as it was.
      await writeTransaction(db, (tx) =>
        tx.run(
          `INSERT INTO metrics_dimension_hourly (dimension, value, service, metric_type, hour_timestamp, count, success_count, failure_count, duration_count,
             sum_duration_ms, duration_sketch) VALUES ('tool', 'legacy', 'mcp-github', 'tool_execution', ?, 2, 1, 1, 2, 900, ?)`,
          [`${hourKey(10)}:00:00Z`, serializeSketch([400, 500].reduce(addToSketch, emptySketch()))],
        ),
      );
      await ingest(db, 'mcp-github', [call('search', 200, false)], now);
      const rows = await selectDimensionRows(db, { dimension: 'tool', first: hourKey(10), afterLast: hourKey(-60) });
      const total = rows.find((r) => r.value === TOTAL_VALUE)!;
      expect([total.count, total.successCount, total.failureCount, total.durationCount, total.sumDurationMs]).toEqual([4, 2, 2, 4, 1200]);
      expect(total.durationSketch).toBe(serializeSketch([100, 200, 400, 500].reduce(addToSketch, emptySketch())));
    } finally {
      await cleanup();
    }
  });

  it('leaves "other" without a point in an hour whose total is behind its rows, not a negative one', async () => {
    const { db, cleanup } = await migratedDatabase();
    try {
      const tools = Array.from({ length: MAX_LINES + 1 }, (_, i) => ({
        type: 'tool_execution',
        timestamp: at(10),
        value: 1,
        duration_ms: 10 * (i + 1),
        dimensions: { tool_name: `t${i}`, success: i % 2 === 0 },
      }));
      await ingest(db, 'mcp-github', tools, now);
      const query = { range: parseTimeRange({ range: '6h' }, new Date(now)), groupBy: 'service', split: 'tool', stat: 'p95' } as const;
      const otherPoint = async () =>
        (await loadOverview(db, query, new Date(now))).breakdown.errorRate.find((p) => p.bucket === hourKey(10))!.values[OTHER_LINE];
      expect(await otherPoint()).toBe(50); // t7 failed, t8 did not
      await writeTransaction(db, (tx) =>
        tx.run(`UPDATE metrics_dimension_hourly SET count = 1, success_count = 1, failure_count = 0 WHERE value = ?`, [TOTAL_VALUE]),
      );
      expect(await otherPoint()).toBeNull();
    } finally {
      await cleanup();
    }
  });
});
