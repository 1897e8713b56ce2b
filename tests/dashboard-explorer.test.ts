import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { explainMetricsPage } from '../db/queries/dashboard-explorer';
import { bucketsWindow, hiddenSeries, toggleSeriesHref, urlTime, zoomHref } from '../lib/dashboard/chart-links';
import { keyDimensions, loadExplorerPage } from '../lib/dashboard/explorer';
import { explorerCsvStream } from '../lib/dashboard/explorer-csv';
import { parseExplorerParams, parseOverviewParams } from '../lib/dashboard/validation';
import { ingest } from './helpers/ingest-batch';
import { expectRangeSearch, planForBigTables } from './helpers/range-search';
import { migratedDatabase } from './helpers/tempdb';

const now = Date.now();
const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();

describe('the explorer filters on dimensions', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await migratedDatabase());
    const tool = (minutesAgo: number, name: string, success: boolean | null, server: string, errorCode?: string) => ({
      type: 'tool_execution',
      timestamp: at(minutesAgo),
      value: 1,
      duration_ms: 10 * minutesAgo,
      dimensions: { tool_name: name, server_name: server, client_name: 'claude', ...(success === null ? {} : { success }) },
      metadata: errorCode ? { error_code: errorCode } : {},
    });
    await ingest(
      db,
      'mcp-github',
      [
        tool(30, 'search_code', true, 'github'),
        tool(25, 'search_code', false, 'github', 'timeout'),
        tool(20, 'create_issue', false, 'github', 'forbidden'),
        tool(15, 'search_code', null, 'gitlab'),
        tool(10, 'search_code', 'true' as unknown as boolean, 'github'),
      ],
      now,
    );
    await ingest(db, 'auth-server', [
      {
        type: 'auth_request',
        timestamp: at(12),
        value: 1,
        dimensions: { success: false, method: 'jwt', server: 'github' },
        metadata: { error_code: 'timeout' },
      },
      { type: 'health_check', timestamp: at(11), value: 1, dimensions: { healthy: true } },
    ]);
  });
  afterAll(() => cleanup());

  const query = (params: Record<string, string>) => parseExplorerParams(new URLSearchParams({ range: '1h', ...params }), new Date(now));
  const durations = async (params: Record<string, string>, pageSize?: number, scanRows?: number) =>
    (await loadExplorerPage(db, query(params), pageSize, scanRows)).rows.map((r) => r.durationMs ?? r.metricType);

  it('matches success (true, "true", false, none), error code, tool, server and request id', async () => {
    expect(await durations({ success: 'true' })).toEqual([100, 300]);
    expect(await durations({ success: 'false', service: 'mcp-github' })).toEqual([200, 250]);
    expect(await durations({ success: 'none', type: 'tool_execution' })).toEqual([150]);
    expect(await durations({ error_code: 'timeout' })).toEqual(['auth_request', 250]);
    expect(await durations({ tool_name: 'search_code', server: 'github' })).toEqual([100, 250, 300]);
    expect(await durations({ server: 'github', type: 'auth_request' })).toEqual(['auth_request']);
    const [row] = (await loadExplorerPage(db, query({ tool_name: 'create_issue' }))).rows;
    expect(await durations({ request_id: row.requestId })).toContain(200);
    expect(await durations({ request_id: 'req_nothing' })).toEqual([]);
  });

  it('counts the request types with type=requests, as the overview does', async () => {
    expect(await durations({ type: 'requests' })).toEqual([100, 'auth_request', 150, 200, 250, 300]);
    expect(await durations({})).toHaveLength(7);
    expect(() => query({ success: 'maybe' })).toThrow(/^success: /);
    expect(() => query({ refresh: '5s' })).toThrow(/^refresh: /);
  });

  it('reads a bounded stretch of rows per page and goes on where it ended', async () => {
    // 2 rows looked at a page: the first page finds one failure, then says where to go on.
    const first = await loadExplorerPage(db, query({ success: 'false' }), 50, 2);
    expect(first.rows.map((r) => r.metricType)).toEqual([]);
    expect(first.scannedTo).toBe(at(11));
    const seen: (number | string)[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await loadExplorerPage(db, query({ success: 'false', ...(cursor && { cursor }) }), 50, 2);
      seen.push(...page.rows.map((r) => r.durationMs ?? r.metricType));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(['auth_request', 200, 250]);
    expect(pages).toBe(4);
    const csv = await new Response(explorerCsvStream(db, query({ success: 'false' }), 1)).text();
    expect(csv.trim().split('\n')).toHaveLength(4);
  });

  it('shows the key dimensions of a row', async () => {
    const [row] = (await loadExplorerPage(db, query({ error_code: 'forbidden' }))).rows;
    expect(keyDimensions(row)).toEqual({ success: false, toolName: 'create_issue', method: null, server: 'github', client: 'claude', errorCode: 'forbidden' });
  });

  it('keeps every filter combination a search of the time index, in order, with no sort of what it read', async () => {
    const cursor = { timestamp: at(50), id: 5 };
    for (const filter of [
      { metricTypes: ['auth_request', 'tool_execution'] },
      { success: true },
      { success: 'none' as const, service: 'a' },
      { errorCode: 'x', metricTypes: ['tool_execution'] },
      { toolName: 'x', server: 'y', metricTypes: ['auth_request', 'tool_execution'] },
      { requestId: 'req_1' },
    ]) {
      for (const after of [undefined, cursor]) {
        expectRangeSearch(
          await planForBigTables(db, (reader) => explainMetricsPage(reader, { from: at(1000), to: at(0), ...filter }, after)),
          'metrics',
          'timestamp',
          {
            ordered: true,
            message: JSON.stringify(filter),
          },
        );
      }
    }
  });
});

describe('chart links', () => {
  const window = { from: '2026-03-10T13:25:30.500Z', to: '2026-03-11T13:25:30.500Z', stepMs: 3_600_000 };

  it('names the part of the window a bucket or a dragged stretch covers', () => {
    expect(bucketsWindow('2026-03-10T13', '2026-03-10T13', window)).toEqual({ from: '2026-03-10T13:25:30.500', to: '2026-03-10T14:00' });
    expect(bucketsWindow('2026-03-11T13', '2026-03-10T20', window)).toEqual({ from: '2026-03-10T20:00', to: '2026-03-11T13:25:30.500' });
    expect(urlTime(new Date('2026-03-10T14:05:07.000Z'))).toBe('2026-03-10T14:05:07');
    const zoomed = zoomHref('/', { service: 'web', range: '24h' }, '2026-03-10T20', '2026-03-10T21', window);
    expect(zoomed).toBe('/?service=web&range=custom&from=2026-03-10T20%3A00&to=2026-03-10T22%3A00');
    const parsed = parseOverviewParams(new URL(zoomed, 'http://x').searchParams, new Date());
    expect([parsed.range.from.toISOString(), parsed.range.to.toISOString()]).toEqual(['2026-03-10T20:00:00.000Z', '2026-03-10T22:00:00.000Z']);
    const exact = parseExplorerParams({ range: 'custom', from: '2026-03-10T13:25:30.500', to: '2026-03-10T14:00' }, new Date());
    expect(exact.range.from.toISOString()).toBe('2026-03-10T13:25:30.500Z');
  });

  it('hides and shows series of one chart in the URL', () => {
    const once = toggleSeriesHref('/', { range: '1h' }, 'requests', 'web');
    expect(once).toBe('/?range=1h&hide=requests.web');
    const params = Object.fromEntries(new URL(once, 'http://x').searchParams);
    expect(hiddenSeries(params.hide, 'requests')).toEqual(new Set(['web']));
    expect(hiddenSeries(params.hide, 'durations')).toEqual(new Set());
    const twice = toggleSeriesHref('/', { ...params, hide: 'requests.web,durations.p99' }, 'requests', 'web');
    expect(twice).toBe('/?range=1h&hide=durations.p99');
  });
});
