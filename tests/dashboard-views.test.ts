import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { explainMetricsPage } from '../db/queries/dashboard-explorer';
import { explainViews } from '../db/queries/dashboard-views';
import { chartCsv } from '../lib/dashboard/chart-csv';
import { csvCell } from '../lib/dashboard/csv';
import { decodeCursor, loadExplorerPage } from '../lib/dashboard/explorer';
import { explorerCsvStream } from '../lib/dashboard/explorer-csv';
import { loadAuthView } from '../lib/dashboard/load-auth-view';
import { loadDiscoveryView } from '../lib/dashboard/load-discovery-view';
import { loadOverview } from '../lib/dashboard/load-overview';
import { loadToolsView } from '../lib/dashboard/load-tools-view';
import { parseTimeRange } from '../lib/dashboard/time-range';
import { parseExplorerParams, parseToolsViewParams } from '../lib/dashboard/validation';
import { UserError } from '../lib/errors';
import { ingest } from './helpers/ingest-batch';
import { expectRangeSearch, planForBigTables } from './helpers/range-search';
import { migratedDatabase } from './helpers/tempdb';

const now = Date.now();
const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
const last24h = () => parseTimeRange({ range: '24h' }, new Date(now));
// 24 h of 5-minute buckets: 288, or 289 when now is not on a 5-minute boundary (a part-filled one at each end).
const BUCKETS_24H = now % 300_000 === 0 ? 288 : 289;

describe('dashboard views on ingested metrics', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await migratedDatabase());
    const auth = (minutesAgo: number, method: string, success: boolean, durationMs: number, errorCode: string | null = null) => ({
      type: 'auth_request',
      timestamp: at(minutesAgo),
      value: 1,
      duration_ms: durationMs,
      dimensions: { method, success },
      metadata: { error_code: errorCode },
    });
    await ingest(
      db,
      'auth-server',
      [
        auth(50, 'jwt', true, 10),
        auth(40, 'jwt', true, 20),
        auth(30, 'jwt', false, 30, 'expired'),
        auth(20, 'oauth', false, 40, 'expired'),
        auth(10, 'oauth', false, 50, 'bad_signature'),
        auth(60 * 30, 'jwt', true, 5), // 30 hours ago: outside the last 24 h
      ],
      now,
    );
    const tool = (minutesAgo: number, name: string, success: boolean | null, durationMs: number, call: { method?: string; client_name?: string } = {}) => ({
      type: 'tool_execution',
      timestamp: at(minutesAgo),
      value: 1,
      duration_ms: durationMs,
      dimensions: { tool_name: name, ...call, ...(success === null ? {} : { success }) },
      metadata: success === false ? { error_code: 'timeout' } : {},
    });
    await ingest(
      db,
      'mcp-github',
      [
        tool(5, 'search_code', true, 100, { method: 'tools/call', client_name: 'claude' }),
        tool(4, 'search_code', false, 300, { method: 'tools/call', client_name: 'cursor' }),
        tool(3, 'search_code', true, 200, { method: 'tools/call', client_name: 'claude' }),
        tool(2, 'create_issue', true, 50, { method: 'tools/list', client_name: 'claude' }),
        tool(1, 'create_issue', null, 70),
      ],
      now,
    );
    const discovery = (minutesAgo: number, results: number | null, embedding: number, search: number) => ({
      type: 'tool_discovery',
      timestamp: at(minutesAgo),
      value: 1,
      duration_ms: embedding + search,
      dimensions: { query: 'find files', ...(results === null ? {} : { results_count: results }) },
      metadata: { embedding_time_ms: embedding, faiss_search_time_ms: search },
    });
    await ingest(db, 'registry', [discovery(9, 0, 10, 2), discovery(8, 3, 20, 4), discovery(7, 12, 30, 6), discovery(6, null, 40, 8)], now);
  });
  afterAll(() => cleanup());

  it('the overview reads what ingestion rolled up', async () => {
    const overview = await loadOverview(db, { range: last24h(), groupBy: 'service' });
    expect(overview.kpis.requests.current).toBe(14);
    expect(overview.kpis.requests.previous).toBe(1);
    // auth: 3 of 5 failed; tools: 1 of 4 with an outcome; discovery reports none.
    expect(overview.kpis.errorRatePct.current).toBeCloseTo((4 / 9) * 100, 10);
    expect(overview.requests.series.sort()).toEqual(['auth-server', 'mcp-github', 'registry']);
    expect(overview.requests.points.reduce((n, p) => n + Object.values(p.values).reduce((a, b) => a + b, 0), 0)).toBe(14);
    expect(overview.kpis.p95DurationMs.current! / 300).toBeCloseTo(1, 1);
  });

  it('the Auth view: success rate, methods, error codes of the range only', async () => {
    const view = await loadAuthView(db, { range: last24h() });
    expect(view.totals).toEqual({ attempts: 5, successRatePct: 40, avgDurationMs: 30 });
    expect(view.capped).toBe(false);
    expect(view.byMethod.map((m) => [m.name, m.count, Math.round(m.successRatePct! * 100) / 100])).toEqual([
      ['jwt', 3, 66.67],
      ['oauth', 2, 0],
    ]);
    expect(view.topErrorCodes).toEqual([
      { name: 'expired', count: 2 },
      { name: 'bad_signature', count: 1 },
    ]);
    expect(view.successRate).toHaveLength(BUCKETS_24H);
    expect(view.successRate.filter((p) => p.values.attempts).reduce((n, p) => n + (p.values.attempts ?? 0), 0)).toBe(5);
  });

  it('caps a view at the newest rows and says so', async () => {
    const view = await loadAuthView(db, { range: last24h() }, 2);
    expect(view.capped).toBe(true);
    expect(view.totals.attempts).toBe(2);
    // The two newest attempts: oauth at 20 and 10 minutes ago, both failed.
    expect(view.byMethod.map((m) => m.name)).toEqual(['oauth']);
  });

  it('the Tools view: busiest tools first with failure rate and latency', async () => {
    const view = await loadToolsView(db, { range: last24h() });
    expect(view.totals.calls).toBe(5);
    expect(view.topTools.map((t) => [t.name, t.count, t.failurePct, t.avgDurationMs, t.maxDurationMs])).toEqual([
      ['search_code', 3, (1 / 3) * 100, 200, 300],
      ['create_issue', 2, 0, 60, 70],
    ]);
    expect(view.topErrorCodes).toEqual([{ name: 'timeout', count: 1 }]);
    const calls = view.calls.reduce(
      (acc, p) => ({ ok: acc.ok + (p.values.succeeded ?? 0), failed: acc.failed + (p.values.failed ?? 0), unknown: acc.unknown + (p.values.unknown ?? 0) }),
      { ok: 0, failed: 0, unknown: 0 },
    );
    expect(calls).toEqual({ ok: 3, failed: 1, unknown: 1 });
  });

  it('the Tools view filters by MCP method and client, and offers those of the range as choices', async () => {
    const all = await loadToolsView(db, { range: last24h() });
    expect([all.methods, all.clients]).toEqual([
      ['tools/call', 'tools/list'],
      ['claude', 'cursor'],
    ]);
    const calls = await loadToolsView(db, { range: last24h(), method: 'tools/call' });
    expect(calls.totals).toEqual({ calls: 3, failurePct: (1 / 3) * 100, avgDurationMs: 200 });
    expect(calls.topTools.map((t) => [t.name, t.count])).toEqual([['search_code', 3]]);
    expect([calls.methods, calls.clients]).toEqual([['tools/call'], ['claude', 'cursor']]);
    expect((await loadToolsView(db, { range: last24h(), method: 'tools/call', client: 'claude' })).totals).toEqual({
      calls: 2,
      failurePct: 0,
      avgDurationMs: 150,
    });
    expect((await loadToolsView(db, { range: last24h(), client: 'claude', server: 'nowhere' })).totals.calls).toBe(0);

    // From the URL, as the page and its CSV read it; the Explorer's drill-down finds the same calls.
    const params = new URLSearchParams({ range: '24h', method: 'tools/call', client: 'cursor' });
    expect((await loadToolsView(db, parseToolsViewParams(params, new Date(now)))).totals.calls).toBe(1);
    const csv = await chartCsv(db, 'tools', 'top-tools', params, new Date(now));
    expect(csv.body.trimEnd().split('\r\n')).toHaveLength(2);
    await expect(chartCsv(db, 'tools', 'calls', new URLSearchParams({ client: 'c'.repeat(201) }), new Date(now))).rejects.toThrow(
      expect.objectContaining({ status: 422, message: expect.stringMatching(/^client: /) }),
    );
    const explored = await loadExplorerPage(
      db,
      parseExplorerParams(new URLSearchParams({ ...Object.fromEntries(params), type: 'tool_execution' }), new Date(now)),
    );
    expect(explored.rows.map((r) => r.durationMs)).toEqual([300]);
  });

  it('the Discovery view: embedding vs search time and results bands', async () => {
    const view = await loadDiscoveryView(db, { range: last24h() });
    expect(view.totals).toEqual({ queries: 4, avgEmbeddingMs: 25, avgSearchMs: 5, avgResults: 5 });
    expect(view.resultsBands).toEqual([
      { name: '0', value: 1 },
      { name: '1-5', value: 1 },
      { name: '11-20', value: 1 },
      { name: 'unknown', value: 1 },
    ]);
  });

  it('reads the specialized tables by an index search on the range', async () => {
    for (const filters of [{}, { service: 'a', server: 'b' }, { method: 'tools/call', client: 'c' }, { service: 'a', server: 'b', method: 'm', client: 'c' }]) {
      for (const [view, plan] of Object.entries(await planForBigTables(db, (reader) => explainViews(reader, filters)))) {
        expectRangeSearch(plan, `${view === 'tools' ? 'tool' : view}_metrics`, 'timestamp', { message: `${view} ${JSON.stringify(filters)}` });
      }
    }
  });
});

describe('the explorer', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await migratedDatabase());
    // Two metrics share each timestamp, so pages must break ties by id.
    const metric = (i: number) => ({
      type: i % 3 ? 'custom' : 'health_check',
      timestamp: at(100 - Math.floor(i / 2)),
      value: i,
      dimensions: { n: i },
      metadata: { note: `=cmd|${i}` },
    });
    await ingest(
      db,
      'svc-a',
      Array.from({ length: 11 }, (_, i) => metric(i)),
      now,
    );
    await ingest(db, 'svc-b', [{ type: 'custom', timestamp: at(1), value: 99 }], now);
  });
  afterAll(() => cleanup());

  const query = (params: Record<string, string>) => parseExplorerParams(new URLSearchParams({ range: '24h', ...params }), new Date(now));

  it('pages newest first by keyset until every matching row was shown exactly once', async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await loadExplorerPage(db, query({ service: 'svc-a', ...(cursor && { cursor }) }), 3);
      seen.push(...page.rows.map((r) => r.value));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    // Newest first: higher i is newer; within a timestamp the later insert (higher id) first.
    expect(seen).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
  });

  it('filters by service and type and shows a row as stored', async () => {
    const page = await loadExplorerPage(db, query({ type: 'health_check' }));
    expect(page.rows.map((r) => r.value)).toEqual([9, 6, 3, 0]);
    expect(JSON.parse(page.rows[0].dimensions!)).toEqual({ n: 9 });
    expect((await loadExplorerPage(db, query({ service: 'svc-b' }))).rows.map((r) => r.value)).toEqual([99]);
  });

  it('rejects a cursor it did not make', async () => {
    expect(() => decodeCursor('1 OR 1=1')).toThrow(UserError);
    expect(() => query({ cursor: 'abc_1' })).toThrow(/^cursor: /);
  });

  it('keeps the cursor in the index search on every filter combination', async () => {
    const cursor = { timestamp: at(50), id: 5 };
    for (const filter of [{}, { service: 'a' }, { metricTypes: ['custom'] }, { service: 'a', metricTypes: ['custom'] }]) {
      expectRangeSearch(
        await planForBigTables(db, (reader) => explainMetricsPage(reader, { from: at(1000), to: at(0), ...filter }, cursor)),
        'metrics',
        'timestamp',
        {
          ordered: true,
          message: JSON.stringify(filter),
        },
      );
    }
  });

  it('streams every filtered row as CSV in batches, formulas defused', async () => {
    const text = await new Response(explorerCsvStream(db, query({ service: 'svc-a' }), 4)).text();
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      '"id","timestamp","service","metric_type","value","duration_ms","request_id","service_version","instance_id","dimensions","metadata","created_at"',
    );
    expect(lines).toHaveLength(12);
    expect(lines.slice(1).map((l) => Number(l.split(',')[4]))).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(lines[1]).toContain('"{""note"":""=cmd|10""}"');
  });

  it('exports what a chart shows, and 404s an unknown chart', async () => {
    const { body, filename } = await chartCsv(db, 'overview', 'requests', new URLSearchParams({ range: '24h', group: 'type', type: 'all' }), new Date(now));
    expect(filename).toMatch(/^overview-requests-.*\.csv$/);
    const [header, ...rows] = body.trimEnd().split('\r\n');
    expect(header.split(',')).toEqual(['"bucket_start_utc"', '"custom"', '"health_check"']);
    expect(rows).toHaveLength(BUCKETS_24H);
    expect(
      rows.reduce(
        (n, r) =>
          n +
          r
            .split(',')
            .slice(1)
            .reduce((a, v) => a + Number(v || 0), 0),
        0,
      ),
    ).toBe(12);
    await expect(chartCsv(db, 'overview', 'nope', new URLSearchParams(), new Date(now))).rejects.toThrow(expect.objectContaining({ status: 404 }));
    await expect(chartCsv(db, 'toString', 'x', new URLSearchParams(), new Date(now))).rejects.toThrow(UserError);
  });

  it('escapes CSV cells', async () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });
});
