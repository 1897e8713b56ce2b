import { writeTransaction, type Db } from '../../db/client';
import { countMetricsBetween, countRolledUp, deleteRollups, iterateMetricsForRollup, rollupDaySpan } from '../../db/queries/rollups';
import { recordAudit } from '../audit/record';
import { parseInput } from '../validation';
import { dayOf, flag, hourOf } from './accumulate';
import { applyRollups } from './apply';
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

/**
 * Recomputes one day's hourly and daily rows from its raw metrics, through the ingest path's own
 * accumulation, unless raw rows of that day are gone (retention ages raw metrics long before their
 * rollups): then the day is kept, since recomputing it would erase history. Returns the metrics
 * read, or null for a kept day. One transaction a day, so ingestion waits for a day at most.
 */
async function rebuildDay(db: Db, day: string): Promise<number | null> {
  const from = startOf(day);
  const to = startOf(nextDay(day));
  return writeTransaction(db, async (tx) => {
    const raw = await countMetricsBetween(tx, from, to);
    const rolledUp = Math.max(await countRolledUp(tx, 'daily', dayOf(from), dayOf(to)), await countRolledUp(tx, 'hourly', hourOf(from), hourOf(to)));
    if (raw < rolledUp) return null;
    await deleteRollups(tx, 'hourly', hourOf(from), hourOf(to));
    await deleteRollups(tx, 'daily', dayOf(from), dayOf(to));
    await applyRollups(
      tx,
      (async function* () {
        for await (const m of iterateMetricsForRollup(tx, from, to)) {
          const dimensions = m.dimensions ? (JSON.parse(m.dimensions) as Record<string, unknown>) : null;
          yield { row: m, rollup: { value: m.value, durationMs: m.durationMs, success: flag(dimensions?.success) } };
        }
      })(),
    );
    return raw;
  });
}

/** Recomputes metrics_hourly and metrics_daily for the whole UTC days [from, to] (default: every day with data). */
export async function rebuildRollups(db: Db, input: RebuildRangeInput, actor: string): Promise<RebuildResult> {
  const range = parseInput(rebuildRangeSchema, input);
  const result: RebuildResult = { from: range.from ?? 'start', to: range.to ?? 'end', metrics: 0, daysRebuilt: 0, daysKept: [] };
  const span = await rollupDaySpan(db);
  if (span) {
    const first = range.from && range.from > span.first ? range.from : span.first;
    const last = range.to && range.to < span.last ? range.to : span.last;
    for (let day = first; day <= last; day = nextDay(day)) {
      const metrics = await rebuildDay(db, day);
      if (metrics === null) result.daysKept.push(day);
      else Object.assign(result, { metrics: result.metrics + metrics, daysRebuilt: result.daysRebuilt + 1 });
    }
  }
  await writeTransaction(db, (tx) => recordAudit(tx, { actor, action: 'rollup.rebuild', target: `${result.from}..${result.to}`, after: result }));
  return result;
}
