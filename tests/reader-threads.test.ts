import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Reader, ThreadTask } from '../db/client';
import { openTarget, targetOf } from '../db/target';
import { loadOverview } from '../lib/dashboard/load-overview';
import { loadOverviewOffLoop } from '../lib/dashboard/overview-task';
import { parseTimeRange } from '../lib/dashboard/time-range';
import { ingest } from './helpers/ingest-batch';
import { migratedDatabase, type TestDatabase } from './helpers/tempdb';

// A server's database (openTarget withThreads) on either engine: its long reads' tasks run in reader threads.
const packages: ThreadTask<string, { threadId: number; packages: string[] }, Reader> = {
  module: fileURLToPath(new URL('./helpers/thread-tasks.ts', import.meta.url)),
  name: 'loadedPackages',
  encode: (s) => s,
  run: async () => ({ threadId, packages: [] }),
};
const now = Date.parse('2026-03-10T14:27:30Z');
const query = (range: '1h' | '24h' | '7d') => ({ range: parseTimeRange({ range }, new Date(now)), groupBy: 'service' as const, type: 'all' as const });

describe('the overview in a reader thread', () => {
  let test: TestDatabase;
  let server: Db;
  beforeAll(async () => {
    test = await migratedDatabase();
    const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
    await ingest(
      test.db,
      'mcp-github',
      [1, 2, 30, 61, 300, 2000].map((m, i) => ({
        type: 'tool_execution',
        timestamp: at(m),
        value: 1,
        duration_ms: 10 * (i + 1),
        dimensions: { success: i % 2 === 0 },
      })),
      now,
    );
    server = openTarget(targetOf(test.file), { withThreads: true });
  });
  afterAll(async () => {
    await server.close();
    await test.cleanup();
  });

  it('answers what loading it on this thread does, its window and all', async () => {
    for (const range of ['1h', '24h', '7d'] as const) {
      const offLoop = await loadOverviewOffLoop(server, query(range), new Date(now));
      expect(offLoop, range).toEqual(await loadOverview(test.db, query(range), new Date(now)));
      expect(offLoop.kpis.requests.current, range).toBe({ '1h': 3, '24h': 5, '7d': 6 }[range]);
    }
  });

  it('runs in two threads of its own, which load no configuration', async () => {
    // Both reader threads at work at once, then asked where they run and what they loaded: the overview's
    // modules, none of lib/config's zod schemas (they cost a thread 7.5 MB of RSS); on SQLite neither
    // does the writer thread after its commits.
    await Promise.all([loadOverviewOffLoop(server, query('24h'), new Date(now)), loadOverviewOffLoop(server, query('24h'), new Date(now))]);
    const readers = await Promise.all([server.longReads.runTask(packages, ''), server.longReads.runTask(packages, '')]);
    expect(new Set([threadId, ...readers.map((r) => r.threadId)]).size).toBe(3);
    const threads = server.engine === 'sqlite' ? [...readers, await server.runTask(packages, '')] : readers;
    for (const loaded of threads) {
      expect(loaded.packages).toContain(server.engine === 'sqlite' ? 'better-sqlite3' : 'pg');
      expect(loaded.packages).not.toContain('zod');
    }
  });
});
