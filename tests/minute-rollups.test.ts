import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as postMetricsRoute } from '../app/metrics/route';
import { writeTransaction, type Db } from '../db/client';
import type { RollupRow as ChartRow } from '../db/queries/dashboard';
import { explainMinuteRollupRows, selectMinuteRollupRows } from '../db/queries/minute-rollups';
import { listRollups, type RollupRow } from '../db/queries/rollups';
import { createApiKey } from '../lib/keys/create';
import { migrateDown } from '../lib/migrate/down';
import { migrationsFor } from '../lib/migrate/load';
import { migrateUp } from '../lib/migrate/up';
import { applyRetentionCleanup } from '../lib/retention/apply-cleanup';
import { rebuildRollups } from '../lib/rollups/rebuild';
import { emptySketch, mergeSketchInto, parseSketch, serializeSketch } from '../lib/rollups/sketch';
import { jsonRequest, withoutParams } from './helpers/http';
import { seededRandom } from './helpers/random';
import { expectRangeSearch, planForBigTables } from './helpers/range-search';
import { migratedDatabase } from './helpers/tempdb';

const postMetrics = withoutParams(postMetricsRoute);
const MINUTE = 60_000;
const SUB_HOUR_TABLES = ['metrics_minutely', 'metrics_5min'];

const tableNames = async (db: Db) =>
  (
    await db.all<{ name: string }>(
      db.engine === 'sqlite'
        ? `SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('metrics_minutely', 'metrics_5min')`
        : `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename IN ('metrics_minutely', 'metrics_5min')`,
    )
  )
    .map((r) => r.name)
    .sort();

/** Rows of `grain` folded `width` minutes at a time, as the 5-minute rows must hold them. */
function fold(rows: RollupRow[], width: number): RollupRow[] {
  const folded = new Map<string, RollupRow>();
  for (const row of rows) {
    const minute = Number(row.bucket.slice(14, 16));
    const bucket = `${row.bucket.slice(0, 14)}${String(minute - (minute % width)).padStart(2, '0')}:00Z`;
    const id = `${row.service}|${row.metricType}|${bucket}`;
    const into = folded.get(id);
    if (!into) {
      folded.set(id, { ...row, bucket });
      continue;
    }
    into.count += row.count;
    into.successCount += row.successCount;
    into.failureCount += row.failureCount;
    into.durationCount += row.durationCount;
    into.minValue = into.minValue === null || (row.minValue !== null && row.minValue < into.minValue) ? row.minValue : into.minValue;
    into.maxValue = into.maxValue === null || (row.maxValue !== null && row.maxValue > into.maxValue) ? row.maxValue : into.maxValue;
    into.durationSketch = serializeSketch(mergeSketchInto(mergeSketchInto(emptySketch(), parseSketch(into.durationSketch)), parseSketch(row.durationSketch)));
  }
  return [...folded.values()];
}

const counted = ({ service, metricType, bucket, count, successCount, failureCount, durationCount, minValue, maxValue, durationSketch }: RollupRow) => ({
  service,
  metricType,
  bucket,
  count,
  successCount,
  failureCount,
  durationCount,
  minValue,
  maxValue,
  durationSketch,
});
type Charted = Omit<ChartRow, 'id'>;
/** What the charts read of a row (db/queries/dashboard.ts's RollupRow), with a 16-character bucket key. */
const charted = ({ service, metricType, bucket, count, successCount, failureCount, durationCount, sumDurationMs, durationSketch }: Charted): Charted => ({
  service,
  metricType,
  bucket: bucket.slice(0, 16),
  count,
  successCount,
  failureCount,
  durationCount,
  sumDurationMs,
  durationSketch,
});
const byKey = (a: { service: string; metricType: string; bucket: string }, b: typeof a) =>
  `${a.service}|${a.metricType}|${a.bucket}` < `${b.service}|${b.metricType}|${b.bucket}` ? -1 : 1;

describe('minute and 5-minute rollups', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let key: string;
  // Minute-aligned, so that the edge timestamps below fall where intended.
  const now = Math.floor(Date.now() / (5 * MINUTE)) * 5 * MINUTE;
  beforeAll(async () => {
    ({ db, cleanup } = await migratedDatabase());
    ({ key } = await createApiKey(db, { service: 'auth-server', rateLimit: 1_000_000 }, 'test'));
  });
  afterAll(() => cleanup());

  it('migration 0011 goes down and up again: both tables and their 2-day policies', async () => {
    const migrations = await migrationsFor(db);
    expect(await tableNames(db)).toEqual(['metrics_5min', 'metrics_minutely']);
    await migrateDown(db, migrations, 10);
    expect(await tableNames(db)).toEqual([]);
    expect(await db.all(`SELECT table_name FROM retention_policies WHERE table_name IN ('metrics_minutely', 'metrics_5min')`)).toEqual([]);
    await migrateUp(db, migrations);
    expect(await tableNames(db)).toEqual(['metrics_5min', 'metrics_minutely']);
    expect(
      await db.all(`SELECT table_name, retention_days FROM retention_policies WHERE table_name IN ('metrics_minutely', 'metrics_5min') ORDER BY table_name`),
    ).toEqual([
      { table_name: 'metrics_5min', retention_days: 2 },
      { table_name: 'metrics_minutely', retention_days: 2 },
    ]);
  });

  it('counts each metric in its minute and its 5-minute bucket, exactly as a rebuild does', async () => {
    const next = seededRandom(11);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
    const metric = (at: number) => ({
      type: pick(['auth_request', 'tool_execution', 'custom'] as const),
      timestamp: new Date(at).toISOString().replace('Z', ''),
      value: Math.round(next() * 1e5) / 1e3,
      duration_ms: next() < 0.2 ? null : Math.exp(next() * 8) / 10,
      dimensions: next() < 0.2 ? {} : { success: next() < 0.8 },
    });
    // Concurrent requests (shared group commits) over the last 3 hours, and three days back (past the 2-day policies).
    for (let round = 0; round < 8; round++) {
      const batches = Array.from({ length: 6 }, () => ({
        service: pick(['auth-server', 'registry']),
        metrics: Array.from({ length: 1 + Math.floor(next() * 30) }, () => metric(now - Math.floor(next() * (round === 7 ? 96 * 60 : 180) * MINUTE))),
      }));
      const responses = await Promise.all(batches.map((body) => postMetrics(jsonRequest('/metrics', { key, body }))));
      expect(responses.map((r) => r.status)).toEqual(Array(6).fill(200));
    }
    // Both edges of a 5-minute bucket: the last millisecond of one, the first of the next.
    const edge = now - 60 * MINUTE;
    const body = { service: 'edge', metrics: [edge - 1, edge, edge + 5 * MINUTE - 1].map((at) => ({ ...metric(at), type: 'custom', duration_ms: 10 })) };
    expect((await postMetrics(jsonRequest('/metrics', { key, body }))).status).toBe(200);

    const minutes = await listRollups(db, 'minutely');
    const fives = await listRollups(db, '5min');
    const edgeRows = (rows: RollupRow[]) => rows.filter((r) => r.service === 'edge').map((r) => [r.bucket, r.count]);
    const iso = (at: number) => new Date(at).toISOString();
    expect(edgeRows(minutes)).toEqual([
      [`${iso(edge - MINUTE).slice(0, 16)}:00Z`, 1],
      [`${iso(edge).slice(0, 16)}:00Z`, 1],
      [`${iso(edge + 4 * MINUTE).slice(0, 16)}:00Z`, 1],
    ]);
    expect(edgeRows(fives)).toEqual([
      [`${iso(edge - 5 * MINUTE).slice(0, 16)}:00Z`, 1],
      [`${iso(edge).slice(0, 16)}:00Z`, 2],
    ]);

    // Every metric counted once per table; the 5-minute rows are the minute rows folded.
    const total = (await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM metrics`))!.n;
    expect(minutes.reduce((n, r) => n + r.count, 0)).toBe(total);
    expect(fives.map(counted).sort(byKey)).toEqual(fold(minutes, 5).map(counted).sort(byKey));
    const hours = await listRollups(db, 'hourly');
    expect(fold(minutes, 60).map(counted).sort(byKey)).toEqual(hours.map(counted).sort(byKey));

    // A rebuild recomputes the sub-hour rows of the days the 2-day policies keep, and no older ones.
    await writeTransaction(db, async (tx) => {
      for (const table of SUB_HOUR_TABLES) await tx.run(`UPDATE ${table} SET count = 0, duration_sketch = NULL`);
    });
    await rebuildRollups(db, {}, 'test');
    const firstKeptDay = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const kept = (rows: RollupRow[]) => rows.filter((r) => r.bucket.slice(0, 10) >= firstKeptDay);
    expect(await listRollups(db, 'minutely')).toEqual(kept(minutes));
    expect(await listRollups(db, '5min')).toEqual(kept(fives));
    expect(kept(minutes).length).toBeLessThan(minutes.length);
    expect(await listRollups(db, 'hourly')).toEqual(hours);

    // Retention then deletes what is older than 2 days from both, and nothing the hourly rows hold.
    await applyRetentionCleanup(db, { dryRun: false, actor: 'test' });
    const cutoff = new Date(Date.now() - 2 * 86_400_000).toISOString();
    for (const grain of ['minutely', '5min'] as const) {
      const rows = await listRollups(db, grain);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.bucket >= cutoff.slice(0, 16))).toBe(true);
    }
    expect(await listRollups(db, 'hourly')).toEqual(hours);
  });

  it('reads a span of minute or 5-minute rows by the minute index, filtered by service and types', async () => {
    const key16 = (at: number) => new Date(at).toISOString().slice(0, 16);
    const span = { first: key16(now - 30 * MINUTE), afterLast: key16(now + 5 * MINUTE) };
    const all = await listRollups(db, 'minutely');
    const inSpan = (rows: RollupRow[], filter: (r: RollupRow) => boolean = () => true) =>
      rows
        .filter((r) => r.bucket.slice(0, 16) >= span.first && r.bucket.slice(0, 16) < span.afterLast && filter(r))
        .map(charted)
        .sort(byKey);
    const read = async (rows: Promise<ChartRow[]>) => (await rows).map(charted).sort(byKey);

    expect(inSpan(all).length).toBeGreaterThan(10);
    expect(await read(selectMinuteRollupRows(db, { minutes: 1, ...span }))).toEqual(inSpan(all));
    expect(await read(selectMinuteRollupRows(db, { minutes: 1, ...span, service: 'registry' }))).toEqual(inSpan(all, (r) => r.service === 'registry'));
    expect(await read(selectMinuteRollupRows(db, { minutes: 1, ...span, service: 'registry', metricTypes: ['custom'] }))).toEqual(
      inSpan(all, (r) => r.service === 'registry' && r.metricType === 'custom'),
    );
    expect(await read(selectMinuteRollupRows(db, { minutes: 1, ...span, metricTypes: ['custom', 'auth_request'] }))).toEqual(
      inSpan(all, (r) => r.metricType !== 'tool_execution'),
    );
    expect(await read(selectMinuteRollupRows(db, { minutes: 5, ...span }))).toEqual(inSpan(await listRollups(db, '5min')));

    for (const minutes of [1, 5] as const) {
      for (const filter of [{}, { service: 'registry' }, { metricTypes: ['custom', 'auth_request'] }, { service: 'registry', metricTypes: ['custom'] }]) {
        const plan = await planForBigTables(db, (reader) => explainMinuteRollupRows(reader, { minutes, ...span, ...filter }));
        expectRangeSearch(plan, minutes === 1 ? 'metrics_minutely' : 'metrics_5min', 'minute_timestamp', { message: `${minutes} ${JSON.stringify(filter)}` });
      }
    }
  });
});
