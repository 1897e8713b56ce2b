import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { explainRawRollupInputs } from '../db/queries/dashboard';
import { loadOverview, type OverviewQuery } from '../lib/dashboard/load-overview';
import { loadToolsView } from '../lib/dashboard/load-tools-view';
import { parseTimeRange, type RangeParams } from '../lib/dashboard/time-range';
import { windowParts } from '../lib/dashboard/window-parts';
import { ingest } from './helpers/ingest-batch';
import { expectRangeSearch } from './helpers/range-search';
import { migratedDatabase } from './helpers/tempdb';

const now = new Date('2026-03-10T14:25:00.000Z');
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
const range = (params: RangeParams) => parseTimeRange(params, now);
const overview = (params: RangeParams, extra: Partial<OverviewQuery> = {}) =>
  loadOverview(db, { range: range(params), groupBy: 'service', type: 'all', ...extra });

let db: Db;

describe('windowParts', () => {
  const parts = (params: RangeParams) => {
    const { from, to, granularity } = range(params);
    return windowParts(from, to, granularity, now).map(
      (p) => `${p.sign > 0 ? '+' : '-'} ${p.source} ${p.from.toISOString().slice(0, 16)} ${p.to.toISOString().slice(0, 16)}`,
    );
  };

  it('covers the window exactly once, whole hours and days from the rollups, reading as few raw rows as it can', () => {
    // 13:25-14:00 as the 13:00 hour minus its first 25 minutes; 14:00-14:25 as the current hour minus what
    // comes after now (nothing, or metrics sent from a clock slightly ahead).
    expect(parts({ range: '1h' })).toEqual([
      '+ hour 2026-03-10T13:00 2026-03-10T14:00',
      '- raw 2026-03-10T13:00 2026-03-10T13:25',
      '+ hour 2026-03-10T14:00 2026-03-10T15:00',
      '- raw 2026-03-10T14:25 2026-03-10T15:00',
    ]);
    expect(parts({ range: '24h' })).toEqual([
      '+ hour 2026-03-09T14:00 2026-03-09T15:00',
      '- raw 2026-03-09T14:00 2026-03-09T14:25',
      '+ hour 2026-03-09T15:00 2026-03-10T14:00',
      '+ hour 2026-03-10T14:00 2026-03-10T15:00',
      '- raw 2026-03-10T14:25 2026-03-10T15:00',
    ]);
    // The window before shares 14:00-14:25 on 03-09, read directly there: one raw read for both.
    const before = windowParts(new Date('2026-03-08T14:25Z'), new Date('2026-03-09T14:25Z'), 'hour', now).at(-1)!;
    expect(before).toEqual({ source: 'raw', from: new Date('2026-03-09T14:00Z'), to: new Date('2026-03-09T14:25Z'), sign: 1 });
    expect(parts({ range: '30d' })).toEqual([
      '+ hour 2026-02-08T14:00 2026-02-08T15:00',
      '- raw 2026-02-08T14:00 2026-02-08T14:25',
      '+ hour 2026-02-08T15:00 2026-02-09T00:00',
      '+ day 2026-02-09T00:00 2026-03-10T00:00',
      '+ day 2026-03-10T00:00 2026-03-11T00:00',
      '- raw 2026-03-10T14:25 2026-03-10T15:00',
      '- hour 2026-03-10T15:00 2026-03-11T00:00',
    ]);
    // Whole days need no raw rows at all; a window in the past reads its minutes directly when that is less.
    expect(parts({ range: 'custom', from: '2026-03-01', to: '2026-03-02' })).toEqual(['+ hour 2026-03-01T00:00 2026-03-03T00:00']);
    expect(parts({ range: 'custom', from: '2026-01-01', to: '2026-02-28' })).toEqual(['+ day 2026-01-01T00:00 2026-03-01T00:00']);
    expect(parts({ range: 'custom', from: '2026-03-02T10:10', to: '2026-03-02T10:20' })).toEqual(['+ raw 2026-03-02T10:10 2026-03-02T10:20']);
  });
});

describe('exact windows', () => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await migratedDatabase());
    const tool = (minutesAgo: number, success: unknown, durationMs = 100) => ({
      type: 'tool_execution',
      timestamp: ago(minutesAgo),
      value: 1,
      duration_ms: durationMs,
      dimensions: { tool_name: 'search', server_name: minutesAgo % 2 ? 'odd' : 'even', ...(success === undefined ? {} : { success }) },
    });
    // Inside the last hour: 59, 30 and 1 minutes ago. Just outside: 61 (in the hour bucket "last 1 h" used to start at).
    // The hour before that (the previous period of "1 h"): 62, 90, 119. Around the 24 h edge: 1430 inside, 1450 outside.
    // A month back, across whole days, for the daily ranges.
    await ingest(
      db,
      'mcp-github',
      [1, 30, 59, 61, 62, 90, 119, 1430, 1450, 3 * 1440, 20 * 1440 + 7, 29 * 1440 + 1].map((m, i) => tool(m, i % 3 !== 0, 10 * (i + 1))),
      now.getTime(),
    );
    // Outcomes spelled every way ingestion reads them, all in the 13:00 hour.
    await ingest(
      db,
      'outcomes',
      [true, 'true', false, 'false', 1, 'yes', undefined].map((success, i) => ({ ...tool(70 - i, success, 5 * (i + 1)), type: 'custom' })),
      now.getTime(),
    );
  });
  afterAll(() => cleanup());

  it('"last 1 h" counts the last 60 minutes, not the hour buckets it touches', async () => {
    const view = await overview({ range: '1h' }, { service: 'mcp-github' });
    expect(view.kpis.requests.current).toBe(3);
    // ...and compares them with the 60 minutes before, not with hours that the current ones only partly fill.
    expect(view.kpis.requests.previous).toBe(4);
  });

  it('"last 24 h" ends 24 h back to the minute', async () => {
    const view = await overview({ range: '24h' }, { service: 'mcp-github' });
    expect(view.kpis.requests.current).toBe(8);
    expect(view.requests.points.reduce((n, p) => n + (p.values['mcp-github'] ?? 0), 0)).toBe(8);
  });

  it('the overview and the Tools view count the same tool executions for every range', async () => {
    for (const params of [
      { range: '1h' },
      { range: '24h' },
      { range: '7d' },
      { range: '30d' },
      { range: 'custom', from: '2026-02-20T07:45', to: '2026-03-10T13:59' },
    ]) {
      const counted = await overview(params, { type: 'tool_execution' });
      const tools = await loadToolsView(db, { range: range(params) });
      expect(counted.kpis.requests.current, JSON.stringify(params)).toBe(tools.totals.calls);
      expect(counted.kpis.errorRatePct.current, JSON.stringify(params)).toBeCloseTo(tools.totals.failurePct!, 10);
    }
  });

  it('reads outcomes and durations of raw edge rows exactly as the rollups hold them', async () => {
    // The 13:00 hour whole (its rollup row) and 13:00-13:59 (its raw rows) hold the same seven metrics.
    const fromRollup = await overview({ range: 'custom', from: '2026-03-10T13:00', to: '2026-03-10T14:00' }, { service: 'outcomes' });
    const fromRaw = await overview({ range: 'custom', from: '2026-03-10T13:00', to: '2026-03-10T13:59' }, { service: 'outcomes' });
    expect(fromRaw.kpis.requests.current).toBe(7);
    for (const kpi of ['requests', 'errorRatePct', 'avgDurationMs', 'p95DurationMs'] as const) {
      expect(fromRaw.kpis[kpi].current, kpi).toBe(fromRollup.kpis[kpi].current);
    }
    // true and "true" succeeded, false and "false" failed; 1, "yes" and none count in neither.
    expect(fromRaw.kpis.errorRatePct.current).toBe(50);
  });

  it('filters the views by service and server', async () => {
    const all = await loadToolsView(db, { range: range({ range: '24h' }) });
    const even = await loadToolsView(db, { range: range({ range: '24h' }), server: 'even' });
    const other = await loadToolsView(db, { range: range({ range: '24h' }), service: 'nobody' });
    expect(all.totals.calls).toBe(8);
    expect(all.servers).toEqual(['even', 'odd']);
    expect(even.totals.calls).toBe(4);
    expect(other.totals.calls).toBe(0);
    expect(all.services).toEqual(['mcp-github']);
  });

  it('plans the raw edge reads as index searches bounded by the range', async () => {
    for (const filter of [{}, { service: 'a' }, { metricTypes: ['b'] }, { service: 'a', metricTypes: ['b', 'c'] }]) {
      expectRangeSearch(await explainRawRollupInputs(db, { from: ago(30), to: ago(0), ...filter }), 'metrics', 'timestamp', {
        message: JSON.stringify(filter),
      });
    }
  });
});
