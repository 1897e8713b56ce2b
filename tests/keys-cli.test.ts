import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run as keys } from '../cli/keys';
import { run as rollup } from '../cli/rollup';
import type { Db } from '../db/client';
import { authenticateApiKey } from '../lib/keys/authenticate';
import { migratedDatabase } from './helpers/tempdb';

describe('keys and rollup CLI', () => {
  let db: Db;
  let file: string;
  let cleanup: () => Promise<void>;
  let printed: string[];
  beforeEach(async () => {
    ({ db, file, cleanup } = await migratedDatabase());
    printed = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(String(line)));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await cleanup();
  });

  it('creates a key once (--json), lists, revokes by prefix and sets limits', async () => {
    expect((await keys(['create', '--service', 'auth-server', '--daily-limit', '5', '--admin', '--json', '--db', file])) ?? 0).toBe(0);
    const created = JSON.parse(printed.pop()!);
    expect(created).toMatchObject({ service: 'auth-server', admin: true, daily_limit: 5, rate_limit: 1000, key: expect.stringMatching(/^mcp_metrics_/) });
    expect((await authenticateApiKey(db, created.key)).id).toBe(created.id);

    await keys(['list', '--json', '--db', file]);
    const listed = JSON.parse(printed.pop()!);
    expect(listed).toEqual([expect.objectContaining({ id: created.id, prefix: created.prefix })]);
    expect(JSON.stringify(listed)).not.toContain(created.key);

    await keys(['set-limits', created.prefix, '--daily-limit', 'none', '--rate-limit', '60', '--db', file]);
    expect(printed.pop()).toMatch(/^updated #\d+ {2}auth-server .* 60\/min {2}used/);
    await keys(['revoke', String(created.id), '--db', file]);
    expect(printed.pop()).toMatch(/REVOKED/);
    await expect(authenticateApiKey(db, created.key)).rejects.toThrow('API key is inactive');
  });

  it('explains bad arguments', async () => {
    await expect(keys(['create', '--db', file])).rejects.toThrow(/create needs --service NAME/);
    await expect(keys(['create', '--service', 'x', '--rate-limit', 'lots', '--db', file])).rejects.toThrow(/--rate-limit must be a whole number/);
    await expect(keys(['revoke', '--db', file])).rejects.toThrow(/needs a key id or prefix/);
    await expect(keys(['rotate', '--db', file])).rejects.toThrow(/unknown verb "rotate"/);
    await expect(rollup(['rebuild', '--from', '2026-13-01', '--db', file])).rejects.toThrow(/from: not a calendar date/);
  });

  it('rebuilds rollups for a range', async () => {
    expect((await rollup(['rebuild', '--from', '2026-01-01', '--to', '2026-01-31', '--db', file])) ?? 0).toBe(0);
    expect(printed.pop()).toMatch(/^rebuilt hourly and daily rollups of 0 days in 2026-01-01 \.\. 2026-01-31 from 0 metrics/);
  });
});
