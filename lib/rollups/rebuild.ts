import { writeTransaction, type Db, type Reader } from '../../db/client';
import { deleteDimensionRows } from '../../db/queries/dimension-rollups';
import { findPolicyRow } from '../../db/queries/retention';
import { countMetricsBetween, countRolledUp, deleteRollups, iterateMetricsForRollup, rollupDaySpan, type Grain } from '../../db/queries/rollups';
import { recordAudit } from '../audit/record';
import { cutoffFor } from '../retention/cutoff';
import { parseInput } from '../validation';
import { dayOf, flag, hourOf, minuteOf } from './accumulate';
import { applyRollups } from './apply';
import { addToDimensionGroups, DIMENSIONS, writeDimensionGroups, type DimensionGroups } from './dimension-rollups';
import { rebuildRangeSchema, type RebuildRangeInput } from './validation';

export interface RebuildResult {
  from: string;
  to: string;
  /** Raw metrics the rebuilt days were recomputed from. */
  metrics: number;
  daysRebuilt: number;
  /** Days kept as they were: their rollups count more metrics than the raw table still holds. */
  daysKept: string[];
}

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const startOf = (date: string) => `${date}T00:00:00.000Z`;
/** A rollup a rebuild recomputes: a grain of the service and type rollups, or the hourly rows per tool, server and client. */
type Rollup = Grain | 'dimension';

/** Rebuilt for every day; the sub-hour and per-dimension rollups only for days their tables' retention policies still keep. */
const HOURS_AND_DAYS: readonly Rollup[] = ['hourly', 'daily'];
const POLICY_BOUND = [
  { rollup: 'minutely', table: 'metrics_minutely' },
  { rollup: '5min', table: 'metrics_5min' },
  { rollup: 'dimension', table: 'metrics_dimension_hourly' },
] as const;

/**
 * Where each policy-bound rollup stops being kept (ISO text; null when its policy keeps it for ever): a rebuild
 * recomputes them only for days that reach past it, rather than writing rows the next cleanup deletes.
 */
async function policyCutoffs(db: Reader): Promise<{ rollup: Rollup; cutoff: string | null }[]> {
  return Promise.all(
    POLICY_BOUND.map(async ({ rollup, table }) => {
      const policy = await findPolicyRow(db, table);
      return { rollup, cutoff: policy?.is_active ? cutoffFor(table, policy.retention_days) : null };
    }),
  );
}

/**
 * Recomputes one day's rows of `rollups` from its raw metrics (its other sub-hour and dimension rows are
 * deleted), through the ingest path's own accumulation and in the same order, so that the values each hour
 * keeps per tool, server and client are the ones ingestion kept; unless raw rows of that day are gone
 * (retention ages raw metrics long before their rollups): then the day is kept, since recomputing it would
 * erase history. Returns the metrics read, or null for a kept day. One transaction a day, so ingestion
 * waits for a day at most.
 */
async function rebuildDay(db: Db, day: string, rollups: readonly Rollup[]): Promise<number | null> {
  const from = startOf(day);
  const to = startOf(nextDay(day));
  return writeTransaction(db, async (tx) => {
    const raw = await countMetricsBetween(tx, from, to);
    const rolledUp = Math.max(await countRolledUp(tx, 'daily', dayOf(from), dayOf(to)), await countRolledUp(tx, 'hourly', hourOf(from), hourOf(to)));
    if (raw < rolledUp) return null;
    for (const grain of ['minutely', '5min'] as const) await deleteRollups(tx, grain, minuteOf(from), minuteOf(to));
    await deleteDimensionRows(tx, DIMENSIONS, hourOf(from), hourOf(to));
    await deleteRollups(tx, 'hourly', hourOf(from), hourOf(to));
    await deleteRollups(tx, 'daily', dayOf(from), dayOf(to));
    const byDimension: DimensionGroups | null = rollups.includes('dimension') ? new Map() : null;
    await applyRollups(
      tx,
      (async function* () {
        for await (const m of iterateMetricsForRollup(tx, from, to)) {
          const dimensions = m.dimensions ? (JSON.parse(m.dimensions) as Record<string, unknown>) : null;
          const metric = { row: m, rollup: { value: m.value, durationMs: m.durationMs, success: flag(dimensions?.success) } };
          if (byDimension) addToDimensionGroups(byDimension, metric);
          yield metric;
        }
      })(),
      rollups.filter((rollup) => rollup !== 'dimension'),
    );
    if (byDimension) await writeDimensionGroups(tx, byDimension);
    return raw;
  });
}

/**
 * Recomputes metrics_hourly and metrics_daily for the whole UTC days [from, to] (default: every day with
 * data), and the minute, 5-minute and per-dimension hourly rollups for those of them their retention
 * policies still keep.
 */
export async function rebuildRollups(db: Db, input: RebuildRangeInput, actor: string): Promise<RebuildResult> {
  const range = parseInput(rebuildRangeSchema, input);
  const result: RebuildResult = { from: range.from ?? 'start', to: range.to ?? 'end', metrics: 0, daysRebuilt: 0, daysKept: [] };
  const span = await rollupDaySpan(db);
  const cutoffs = await policyCutoffs(db);
  if (span) {
    const first = range.from && range.from > span.first ? range.from : span.first;
    const last = range.to && range.to < span.last ? range.to : span.last;
    for (let day = first; day <= last; day = nextDay(day)) {
      const kept = cutoffs.filter(({ cutoff }) => cutoff === null || startOf(nextDay(day)) > cutoff).map(({ rollup }) => rollup);
      const metrics = await rebuildDay(db, day, [...kept, ...HOURS_AND_DAYS]);
      if (metrics === null) result.daysKept.push(day);
      else Object.assign(result, { metrics: result.metrics + metrics, daysRebuilt: result.daysRebuilt + 1 });
    }
  }
  await writeTransaction(db, (tx) => recordAudit(tx, { actor, action: 'rollup.rebuild', target: `${result.from}..${result.to}`, after: result }));
  return result;
}
