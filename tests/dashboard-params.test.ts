import { describe, expect, it } from 'vitest';
import { hrefWith, plainParams } from '../lib/dashboard/search-params';
import { parseExplorerParams, parseOverviewParams, parsePageQuery, parseToolsViewParams } from '../lib/dashboard/validation';
import { UserError } from '../lib/errors';

const now = new Date('2026-03-10T14:25:00.000Z');

describe('dashboard URLs', () => {
  it('change one parameter, drop emptied ones, and leave the explorer page unless asked', () => {
    const current = { range: '7d', service: 'auth-server', cursor: '2026-03-10T14:00:00.000Z_5' };
    expect(hrefWith('/', current, { type: 'auth_request' })).toBe('/?range=7d&service=auth-server&type=auth_request');
    expect(hrefWith('/', current, { service: undefined })).toBe('/?range=7d');
    expect(hrefWith('/explorer', current, { cursor: 'x_1' })).toBe('/explorer?range=7d&service=auth-server&cursor=x_1');
    expect(hrefWith('/', {}, { service: '' })).toBe('/');
    expect(plainParams(new URLSearchParams('range=1h&range=24h&type=custom'))).toEqual({ range: '24h', type: 'custom' });
  });

  it('read the overview state, with defaults, from a page query or a URLSearchParams', () => {
    // Without a type: the request types only (type-filter.ts); `type=all` every type.
    expect(parseOverviewParams({}, now)).toMatchObject({ groupBy: 'service', service: undefined, type: 'requests', range: { preset: '24h' } });
    expect(parseOverviewParams({ type: 'all' }, now).type).toBe('all');
    expect(parseOverviewParams({ service: ['web', 'ignored'], type: 'tool_execution', group: 'type', range: '' }, now)).toMatchObject({
      service: 'web',
      type: 'tool_execution',
      groupBy: 'type',
      range: { preset: '24h' },
    });
    expect(parseOverviewParams(new URLSearchParams('range=90d'), now).range.granularity).toBe('day');
  });

  it.each([
    [{ service: 'bad name!' }, /^service: expected a service name/],
    [{ service: 'x'.repeat(101) }, /^service: /],
    [{ type: 'pageviews' }, /^type: /],
    [{ group: 'colour' }, /^group: /],
  ])('refuse %o naming the parameter', (params, message) => {
    expect(() => parseOverviewParams(params, now)).toThrow(UserError);
    expect(() => parseOverviewParams(params, now)).toThrow(message);
  });

  it('read the Tools view state: server, method and client as sent, an empty one as none', () => {
    expect(parseToolsViewParams({ service: 'mcp-github', server: 'github', method: 'tools/call', client: 'Claude Desktop', range: '7d' }, now)).toMatchObject({
      service: 'mcp-github',
      server: 'github',
      method: 'tools/call',
      client: 'Claude Desktop',
      range: { preset: '7d' },
    });
    expect(parseToolsViewParams(new URLSearchParams('method=&client='), now)).toMatchObject({ method: undefined, client: undefined });
  });

  it.each([
    [{ method: 'm'.repeat(201) }, /^method: /],
    [{ client: 'c'.repeat(201) }, /^client: /],
    [{ server: 's'.repeat(201) }, /^server: /],
    [{ service: 'bad name!', method: 'tools/call' }, /^service: /],
  ])('refuse Tools params %o with a 422 naming the parameter', (params, message) => {
    expect(() => parseToolsViewParams(params, now)).toThrow(expect.objectContaining({ status: 422, message: expect.stringMatching(message) }));
  });

  it('give a page the message instead of throwing', () => {
    expect(parsePageQuery(() => parseExplorerParams({ cursor: 'nope' }, now))).toEqual({ error: expect.stringMatching(/^cursor: /) });
    expect(parsePageQuery(() => parseExplorerParams({ cursor: '2026-03-10T14:00:00.000Z_5' }, now)).query?.cursor).toEqual({
      timestamp: '2026-03-10T14:00:00.000Z',
      id: 5,
    });
    expect(() =>
      parsePageQuery(() => {
        throw new Error('a bug');
      }),
    ).toThrow('a bug');
  });
});
