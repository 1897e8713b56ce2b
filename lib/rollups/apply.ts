import type { Tx } from '../../db/client';
import { lockRollup, upsertRollup, type Grain, type RollupKey, type RollupStats } from '../../db/queries/rollups';
import {
  addMetric,
  dayOf,
  emptyRollup,
  fiveMinutesOf,
  hourOf,
  minuteOf,
  stateFromStats,
  statsFromState,
  type RollupInput,
  type RollupState,
} from './accumulate';

/** A metric as the rollups see it (a PreparedMetric of the ingest path is one). */
export interface RollupMetric {
  /** timestamp in the stored form, UTC ISO-8601 with Z. */
  row: { service: string; metricType: string; timestamp: string };
  rollup: RollupInput;
}

type Groups = Map<string, { grain: Grain; key: RollupKey; inputs: RollupInput[] }>;

const BUCKET_OF: Record<Grain, (isoTimestamp: string) => string> = { minutely: minuteOf, '5min': fiveMinutesOf, hourly: hourOf, daily: dayOf };
/** Every rollup a metric is counted in. */
export const ALL_GRAINS: readonly Grain[] = ['minutely', '5min', 'hourly', 'daily'];

function addToGroups(groups: Groups, { row, rollup }: RollupMetric, grains: readonly Grain[]): void {
  for (const grain of grains) {
    const bucket = BUCKET_OF[grain](row.timestamp);
    const id = `${grain}\u0000${row.service}\u0000${row.metricType}\u0000${bucket}`;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { grain, key: { service: row.service, metricType: row.metricType, bucket }, inputs: [] }));
    group.inputs.push(rollup);
  }
}

/**
 * Folds metrics into their minute, 5-minute, hourly and daily rows (or those of `grains`), each metric in order;
 * the ingest path and rebuild both call this. Reads all of `metrics` before writing, so it may be a
 * live query iterator.
 */
export async function applyRollups(
  tx: Tx,
  metrics: Iterable<RollupMetric> | AsyncIterable<RollupMetric>,
  grains: readonly Grain[] = ALL_GRAINS,
): Promise<void> {
  const groups: Groups = new Map();
  if (Symbol.asyncIterator in metrics) for await (const metric of metrics) addToGroups(groups, metric, grains);
  else for (const metric of metrics) addToGroups(groups, metric, grains);
  const cache = writtenRows(tx.location);
  // Rows are locked in one fixed order (their ids sorted), so concurrent commits cannot deadlock.
  for (const id of [...groups.keys()].sort()) {
    const { grain, key, inputs } = groups.get(id)!;
    const stored = await lockRollup(tx, grain, key);
    const cached = cache.get(id);
    // The cached state is used only when the row still holds exactly what this process wrote.
    const state = !stored ? emptyRollup() : cached && sameStats(cached.stats, stored) ? cached.state : stateFromStats(stored);
    for (const input of inputs) addMetric(state, input);
    const stats = statsFromState(state);
    await upsertRollup(tx, grain, { ...key, ...stats });
    cache.set(id, { stats, state });
  }
}

/**
 * The rows this process wrote last to a database, with their parsed state. Parsing the stored sketch
 * is the largest cost of a commit of a few small requests, and the next commit usually touches the
 * same rows; a row changed by anyone else (a rollup rebuild, a rolled-back commit) no longer matches
 * and is parsed again.
 */
const written = new Map<string, Map<string, { stats: RollupStats; state: RollupState }>>();
const MAX_CACHED_ROWS = 2000;

function writtenRows(location: string): Map<string, { stats: RollupStats; state: RollupState }> {
  let rows = written.get(location);
  if (!rows) written.set(location, (rows = new Map()));
  if (rows.size > MAX_CACHED_ROWS) rows.clear();
  return rows;
}

function sameStats(a: RollupStats, b: RollupStats): boolean {
  return (Object.keys(a) as (keyof RollupStats)[]).every((field) => a[field] === b[field]);
}
