import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTransaction, type Db } from '../db/client';
import { explainRollupRows } from '../db/queries/dashboard';
import { upsertRollup, type Grain, type RollupRow } from '../db/queries/rollups';
import { LatencyTotal } from '../lib/dashboard/latency-total';
import { loadOverview, MAX_SERIES, OTHER_SERIES } from '../lib/dashboard/load-overview';
import { parseTimeRange } from '../lib/dashboard/time-range';
import { addMetric, emptyRollup, statsFromState } from '../lib/rollups/accumulate';
import { addToSketch, emptySketch, mergeSketchInto, quantileFromSketch, serializeSketch } from '../lib/rollups/sketch';
import { expectRangeSearch, planForBigTables } from './helpers/range-search';
import { migratedDatabase } from './helpers/tempdb';

const now = new Date('2026-03-10T14:25:00.000Z');

/** A rollup row as ingestion leaves it for these durations (the last `failures` of them failed). */
function rollup(service: string, metricType: string, bucket: string, durations: number[], failures = 0): RollupRow {
  const state = emptyRollup();
  durations.forEach((durationMs, i) => addMetric(state, { value: 1, durationMs, success: i >= durations.length - failures ? false : true }));
  return { service, metricType, bucket, ...statsFromState(state) };
}

const insertRollups = (db: Db, grain: Grain, rows: RollupRow[]) =>
  writeTransaction(db, async (tx) => {
    for (const row of rows) await upsertRollup(tx, grain, row);
  });

const range = <T = number>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

// These rows are written as hourly rollups: the last 24 h charted by the hour, as a 24 h window older than the
// minute rollups' 2 days is (the preset itself is charted by 5 minutes: tests/dashboard-window.test.ts).
const hourly24h = () => ({ ...parseTimeRange({ range: '24h' }, now), granularity: 'hour' as const });

describe('loadOverview', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await migratedDatabase());
  });
  afterAll(() => cleanup());

  it('says no metric was ever received on an empty database', async () => {
    const overview = await loadOverview(db, { range: parseTimeRange({ range: '24h' }, now), groupBy: 'service' });
    expect(overview.neverReceived).toBe(true);
    expect(overview.kpis.requests).toEqual({ current: 0, previous: 0, changePct: null });
    expect(overview.kpis.p95DurationMs.current).toBeNull();
    expect(overview.requests.points).toHaveLength(288);
    expect(overview.durations.every((d) => d.p50 === null && d.avg === null)).toBe(true);
  });

  it('adds up the hourly rows of the range and compares with the period before', async () => {
    const authDurations = range(100, (i) => i + 1); // 1..100 ms
    await insertRollups(db, 'hourly', [
      rollup('auth-server', 'auth_request', '2026-03-10T13:00:00Z', authDurations, 10),
      rollup(
        'registry',
        'tool_discovery',
        '2026-03-10T12:00:00Z',
        range(50, () => 200),
        0,
      ),
      // The hour "now" is in: a partial hour, which the window reads from raw metrics (none here), never from its rollup.
      rollup(
        'registry',
        'tool_discovery',
        '2026-03-10T14:00:00Z',
        range(7, () => 1),
      ),
      // The previous period (the 25 hours before 2026-03-09T14): half the requests.
      rollup(
        'auth-server',
        'auth_request',
        '2026-03-09T01:00:00Z',
        range(75, () => 10),
        15,
      ),
      // Outside both periods: never read.
      rollup(
        'auth-server',
        'auth_request',
        '2026-03-01T00:00:00Z',
        range(999, () => 1),
        999,
      ),
    ]);
    await insertRollups(db, 'daily', [
      // Today's rows hold what its hourly rows do (the 7 of 14:00 included, though they have no raw rows here).
      rollup('auth-server', 'auth_request', '2026-03-10', authDurations, 10),
      rollup('auth-server', 'auth_request', '2026-03-05', authDurations, 10),
      rollup('registry', 'tool_discovery', '2026-03-10', [...range(50, () => 200), ...range(7, () => 1)]),
    ]);

    const overview = await loadOverview(db, { range: hourly24h(), groupBy: 'service' });
    expect(overview.neverReceived).toBe(false);
    expect(overview.kpis.requests).toEqual({ current: 150, previous: 75, changePct: 100 });
    expect(overview.kpis.errorRatePct.current).toBeCloseTo((10 / 150) * 100, 10);
    expect(overview.kpis.errorRatePct.previous).toBeCloseTo(20, 10);
    expect(overview.kpis.avgDurationMs.current).toBeCloseTo((5050 + 50 * 200) / 150, 10);
    // Exact p95 of the 150 durations is 200 ms; the sketch answers within 1 %.
    expect(overview.kpis.p95DurationMs.current! / 200).toBeCloseTo(1, 1);
    expect(overview.kpis.p95DurationMs.previous! / 10).toBeCloseTo(1, 1);

    expect(overview.requests.series).toEqual(['auth-server', 'registry']);
    const points = new Map(overview.requests.points.map((p) => [p.bucket, p.values]));
    expect(points.get('2026-03-10T13')).toEqual({ 'auth-server': 100 });
    expect(points.get('2026-03-10T12')).toEqual({ registry: 50 });
    expect(points.get('2026-03-10T14')).toEqual({});
    expect(points.get('2026-03-10T11')).toEqual({});
    const hour13 = overview.durations.find((d) => d.bucket === '2026-03-10T13')!;
    expect(hour13.avg).toBeCloseTo(50.5, 10);
    expect(hour13.p50! / 50).toBeCloseTo(1, 1);
    expect(hour13.p99! / 99).toBeCloseTo(1, 1);
    expect(overview.filterChoices).toEqual({ services: ['auth-server', 'registry'], metricTypes: ['auth_request', 'tool_discovery'] });
  });

  it('applies the service and metric type filters and groups by type', async () => {
    const byService = await loadOverview(db, { range: hourly24h(), groupBy: 'type', service: 'registry' });
    expect(byService.kpis.requests.current).toBe(50);
    expect(byService.requests.series).toEqual(['tool_discovery']);
    // The choices stay complete so that the filter can be changed.
    expect(byService.filterChoices.services).toEqual(['auth-server', 'registry']);
    const byType = await loadOverview(db, { range: hourly24h(), groupBy: 'service', type: 'auth_request' });
    expect(byType.kpis.requests.current).toBe(100);
  });

  it('reads daily rows for the whole days of long ranges, hourly rows for the partial days', async () => {
    const overview = await loadOverview(db, { range: parseTimeRange({ range: '30d' }, now), groupBy: 'service' });
    expect(overview.span.granularity).toBe('day');
    // Whole days from daily rows (03-05's 100; none for the hourly ones of 03-09 and 03-01), today up to
    // 14:25 (150, from its hourly rows or its daily row minus the hours after: window-parts.ts).
    expect(overview.kpis.requests.current).toBe(100 + 150);
    expect(overview.requests.points.find((p) => p.bucket === '2026-03-05')!.values).toEqual({ 'auth-server': 100 });
    expect(overview.requests.points.at(-1)).toEqual({ bucket: '2026-03-10', values: { 'auth-server': 100, registry: 50 } });
  });

  it(`keeps the ${MAX_SERIES - 1} biggest series and folds the rest into "${OTHER_SERIES}"`, async () => {
    await insertRollups(
      db,
      'hourly',
      range(10, (i) =>
        rollup(
          `svc-${i}`,
          'custom',
          '2026-03-10T10:00:00Z',
          range(i + 1, () => 1),
        ),
      ),
    );
    const overview = await loadOverview(db, { range: hourly24h(), groupBy: 'service', type: 'custom' });
    expect(overview.requests.series).toEqual(['svc-9', 'svc-8', 'svc-7', 'svc-6', 'svc-5', 'svc-4', 'svc-3', OTHER_SERIES]);
    expect(overview.requests.points.find((p) => p.bucket === '2026-03-10T10')!.values[OTHER_SERIES]).toBe(1 + 2 + 3);
    // The lines per service fold the same way; "other" holds the three quietest together, and folding them
    // leaves each service's own numbers (the per-bucket chart) as they were.
    expect(overview.breakdown.series).toEqual(overview.requests.series);
    const errorsAt10 = overview.breakdown.errorRate.find((p) => p.bucket === '2026-03-10T10')!.values;
    expect(errorsAt10).toMatchObject({ 'svc-9': 0, [OTHER_SERIES]: 0 });
    expect(overview.durations.find((d) => d.bucket === '2026-03-10T10')!.p50! / 1).toBeCloseTo(1, 1);
  });

  it('plans every filter combination as an index search bounded by the range', async () => {
    for (const granularity of ['hour', 'day'] as const) {
      for (const filter of [
        {},
        { service: 'a' },
        { metricTypes: ['b'] },
        { service: 'a', metricTypes: ['b'] },
        { metricTypes: ['b', 'c'] },
        { service: 'a', metricTypes: ['b', 'c'] },
      ]) {
        const plan = await planForBigTables(db, (reader) =>
          explainRollupRows(reader, { granularity, first: '2026-01-01', afterLast: '2026-02-01', ...filter }),
        );
        // Bounded by the range: the index search itself carries the bucket bounds.
        expectRangeSearch(plan, granularity === 'hour' ? 'metrics_hourly' : 'metrics_daily', granularity === 'hour' ? 'hour_timestamp' : 'date', {
          message: `${granularity} ${JSON.stringify(filter)}`,
        });
      }
    }
  });
});

describe('LatencyTotal', () => {
  it('answers the same quantiles as merging the stored sketches with the sketch module', async () => {
    let state = 7;
    const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
    const stored = range(20, () => {
      const sketch = emptySketch();
      for (let i = 0; i < 200; i++) addToSketch(sketch, random() < 0.05 ? 0 : Math.exp(random() * 10) / 10);
      return sketch;
    });
    const total = new LatencyTotal();
    for (const sketch of stored.slice(0, 10)) total.addStored(serializeSketch(sketch)!);
    const other = new LatencyTotal();
    // The same sketches spelled with spaces take the JSON.parse path and must count the same.
    for (const sketch of stored.slice(10)) other.addStored(JSON.stringify(JSON.parse(serializeSketch(sketch)!), null, 1));
    total.add(other);
    const merged = stored.reduce(mergeSketchInto, emptySketch());
    const qs = [0, 0.01, 0.04, 0.05, 0.5, 0.95, 0.99, 1];
    for (const q of qs) expect(total.quantile(q), `q=${q}`).toBe(quantileFromSketch(merged, q));
    // Several at once, in one walk, answer the same.
    expect(total.quantiles(qs)).toEqual(qs.map((q) => quantileFromSketch(merged, q)));
    expect(new LatencyTotal().quantile(0.5)).toBeNull();
    // The scanner takes exactly what serializeSketch writes: both paths give the same result.
    const scanned = new LatencyTotal();
    const parsed = new LatencyTotal();
    for (const sketch of stored) {
      scanned.addStored(serializeSketch(sketch)!);
      parsed.addStored(` ${serializeSketch(sketch)!}`);
    }
    for (const q of [0.05, 0.5, 0.99]) expect(scanned.quantile(q)).toBe(parsed.quantile(q));
  });

  it('counts raw durations arriving in any order, and takes stored ones away again', () => {
    // Up and down the bins (the slots it holds grow both ways), from 0.01 ms to a day.
    const durations = [50, 0.01, 86_400_000, 3, 700, 0, 12.5, 0.2, 40_000, 50];
    const total = new LatencyTotal();
    const sketch = emptySketch();
    for (const d of durations) {
      total.addDuration(d);
      addToSketch(sketch, d);
    }
    for (const q of [0, 0.1, 0.3, 0.5, 0.7, 0.9, 1]) expect(total.quantile(q), `q=${q}`).toBe(quantileFromSketch(sketch, q));
    const extra = emptySketch();
    for (const d of [1e6, 1e-3, 5]) addToSketch(extra, d);
    total.addStored(serializeSketch(extra)!).addStored(serializeSketch(extra)!, -1);
    for (const q of [0, 0.5, 1]) expect(total.quantile(q), `q=${q} after adding and taking away`).toBe(quantileFromSketch(sketch, q));
  });

  it('packs totals into a buffer of their own, answering as before, untouched by later totals and able to take one away', () => {
    const sketches = [[1, 2, 3], [0, 500, 900], [0.05], []].map((durations) => durations.reduce(addToSketch, emptySketch()));
    const totals = sketches.map((sketch) => new LatencyTotal().addStored(serializeSketch(sketch) ?? '{"zeros":0,"bins":{}}'));
    const qs = [0, 0.5, 0.99, 1];
    const before = totals.map((t) => t.quantiles(qs));
    const slots = totals.reduce((n, t) => n + t.slots, 0);
    LatencyTotal.pack(totals);
    expect(totals.map((t) => t.quantiles(qs))).toEqual(before);
    // Only the slots that count something are kept (the spare ones at each end go).
    expect(totals.reduce((n, t) => n + t.slots, 0)).toBeLessThan(slots);
    // Totals made afterwards take slots from the shared slabs again, never the packed ones.
    const later = new LatencyTotal();
    for (let i = 0; i < 100; i++) later.addDuration(1 + i * 10);
    expect(totals.map((t) => t.quantiles(qs))).toEqual(before);
    // A packed total still merges into another, in either direction.
    const all = new LatencyTotal();
    for (const t of totals) all.add(t);
    all.add(totals[1], -1);
    const rest = [sketches[0], sketches[2]].reduce(mergeSketchInto, emptySketch());
    expect(all.quantiles(qs)).toEqual(qs.map((q) => quantileFromSketch(rest, q)));
    // A packed total remembers its answers, until something is added to it after all.
    expect(totals[0].quantiles(qs)).toEqual(before[0]);
    totals[0].add(totals[2]);
    expect(totals[0].quantiles(qs)).toEqual(qs.map((q) => quantileFromSketch(rest, q)));
  });

  it('refuses a damaged sketch instead of reading it wrong', async () => {
    for (const text of ['{"zeros":1,"bins":{"3":}}', '{"zeros":1,"bins":{"3":2,}}', '{"zeros":x,"bins":{}}', '{"zeros":1,"bins":{"3":2}}junk}}', '[1,2]']) {
      expect(() => new LatencyTotal().addStored(text), text).toThrow();
    }
  });
});
