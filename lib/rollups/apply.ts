import type { Sqlite } from '../../db/connection';
import { findRollup, upsertRollup, type Grain, type RollupKey } from '../../db/queries/rollups';
import { addMetric, dayOf, emptyRollup, hourOf, stateFromStats, statsFromState, type RollupInput } from './accumulate';

/** A metric as the rollups see it (a PreparedMetric of the ingest path is one). */
export interface RollupMetric {
  /** timestamp in the stored form, UTC ISO-8601 with Z. */
  row: { service: string; metricType: string; timestamp: string };
  rollup: RollupInput;
}

/**
 * Folds metrics into their hourly and daily rows, each metric in order; the ingest path and rebuild
 * both call this. Reads all of `metrics` before writing, so it may be a live query iterator.
 */
export function applyRollups(db: Sqlite, metrics: Iterable<RollupMetric>): void {
  const groups = new Map<string, { grain: Grain; key: RollupKey; inputs: RollupInput[] }>();
  for (const { row, rollup } of metrics) {
    for (const [grain, bucket] of [['hourly', hourOf(row.timestamp)], ['daily', dayOf(row.timestamp)]] as const) {
      const id = `${grain}\u0000${row.service}\u0000${row.metricType}\u0000${bucket}`;
      let group = groups.get(id);
      if (!group) groups.set(id, (group = { grain, key: { service: row.service, metricType: row.metricType, bucket }, inputs: [] }));
      group.inputs.push(rollup);
    }
  }
  for (const { grain, key, inputs } of groups.values()) {
    const stored = findRollup(db, grain, key);
    const state = stored ? stateFromStats(stored) : emptyRollup();
    for (const input of inputs) addMetric(state, input);
    upsertRollup(db, grain, { ...key, ...statsFromState(state) });
  }
}
