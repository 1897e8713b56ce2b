import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../db/client';
import { parseConfig, reloadConfig } from '../lib/config/config';
import { every } from '../lib/schedule/every';
import { startServerLifecycle } from '../lib/schedule/lifecycle';
import { tempDir } from './helpers/tempdb';

describe('schedules', () => {
  afterEach(() => vi.useRealTimers());

  it('runs a never-run task after the start delay, then every interval; an overdue one right after the delay', async () => {
    vi.useFakeTimers({ now: new Date('2026-06-01T00:00:00Z') });
    const runs: number[] = [];
    const stop = every({ name: 't', intervalMs: 1000, startDelayMs: 100, lastRunAt: async () => null, run: async () => void runs.push(Date.now()) }, () => {});
    await vi.advanceTimersByTimeAsync(2150);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs.map((t) => t - Date.parse('2026-06-01T00:00:00Z'))).toEqual([100, 1100, 2100]);
  });

  it('waits out the interval since the recorded last run, and keeps going after a failure', async () => {
    vi.useFakeTimers({ now: new Date('2026-06-01T00:00:00Z') });
    const lines: string[] = [];
    let calls = 0;
    let lastRun = new Date(Date.now() - 300);
    const stop = every(
      {
        name: 'cleanup',
        intervalMs: 1000,
        startDelayMs: 100,
        lastRunAt: async () => lastRun,
        run: async () => {
          if (calls++ === 0) throw new Error('disk full');
          lastRun = new Date();
        },
      },
      (line) => lines.push(line),
    );
    await vi.advanceTimersByTimeAsync(699);
    expect(calls).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    stop();
    expect(calls).toBe(2);
    expect(lines).toEqual(['[cleanup] failed: disk full']);
  });

  it('reads intervals in hours from the configuration, 0 disabling, and rejects nonsense', () => {
    const hours = (value: string) => parseConfig({ RETENTION_INTERVAL_HOURS: value }).retention.intervalMs;
    expect(hours('0.5')).toBe(1_800_000);
    expect(hours('')).toBe(86_400_000);
    expect(hours('0')).toBe(0);
    expect(() => hours('-1')).toThrow(/RETENTION_INTERVAL_HOURS must be a number of hours \(0 disables\), got "-1"/);
  });

  it('marks the database as served while the server runs, and unmarks it on stop', () => {
    const { dir, cleanup } = tempDir();
    vi.stubEnv('RETENTION_INTERVAL_HOURS', '0');
    reloadConfig();
    const file = path.join(dir, 'metrics.db');
    const lines: string[] = [];
    // With both schedules off, the lifecycle uses only where the database is (no file is opened).
    const db = { engine: 'sqlite', location: file } as Db;
    const stop = startServerLifecycle(db, (line) => lines.push(line));
    expect(fs.readdirSync(dir)).toEqual([`metrics.db.server.${process.pid}.json`]);
    expect(lines).toEqual(['[serve] retention schedule off; backups schedule off']);
    stop();
    expect(fs.readdirSync(dir)).toEqual([]);
    vi.unstubAllEnvs();
    cleanup();
  });
});
