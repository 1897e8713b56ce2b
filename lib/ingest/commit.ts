import type { Sqlite } from '../../db/connection';
import { insertAuthMetric, insertDiscoveryMetric, insertMetric, insertToolMetric, recordKeyUsage, type KeyUsage } from '../../db/queries/ingest';
import { findRollup, upsertRollup, type Grain, type RollupKey } from '../../db/queries/rollups';
import { addMetric, dayOf, emptyRollup, hourOf, stateFromStats, statsFromState, type RollupInput } from '../rollups/accumulate';
import type { PreparedMetric, SpecializedRow } from './rows';

/** What one HTTP request writes: its accepted metrics (maybe none) and its usage-log entry (known keys). */
export interface WriteJob {
  metrics: readonly PreparedMetric[];
  usage: KeyUsage | null;
}

function insertSpecialized(db: Sqlite, s: SpecializedRow): void {
  if (s.table === 'auth_metrics') insertAuthMetric(db, s.row);
  else if (s.table === 'discovery_metrics') insertDiscoveryMetric(db, s.row);
  else insertToolMetric(db, s.row);
}

/** Folds metrics into their hourly and daily rows, each metric in order (the order rebuild uses too). */
export function applyRollups(db: Sqlite, metrics: Iterable<{ service: string; metricType: string; timestamp: string; rollup: RollupInput }>): void {
  const groups = new Map<string, { grain: Grain; key: RollupKey; inputs: RollupInput[] }>();
  for (const m of metrics) {
    for (const [grain, bucket] of [['hourly', hourOf(m.timestamp)], ['daily', dayOf(m.timestamp)]] as const) {
      const id = `${grain}\u0000${m.service}\u0000${m.metricType}\u0000${bucket}`;
      let group = groups.get(id);
      if (!group) groups.set(id, (group = { grain, key: { service: m.service, metricType: m.metricType, bucket }, inputs: [] }));
      group.inputs.push(m.rollup);
    }
  }
  for (const { grain, key, inputs } of groups.values()) {
    const stored = findRollup(db, grain, key);
    const state = stored ? stateFromStats(stored) : emptyRollup();
    for (const input of inputs) addMetric(state, input);
    upsertRollup(db, grain, { ...key, ...statsFromState(state) });
  }
}

/** Commits the writes of several requests in one transaction: all of them, or (on error) none. */
export function commitWrites(db: Sqlite, jobs: readonly WriteJob[]): void {
  db.transaction(() => {
    for (const job of jobs) {
      for (const m of job.metrics) {
        insertMetric(db, m.row);
        if (m.specialized) insertSpecialized(db, m.specialized);
      }
    }
    applyRollups(
      db,
      jobs.flatMap((job) => job.metrics.map((m) => ({ service: m.row.service, metricType: m.row.metricType, timestamp: m.row.timestamp, rollup: m.rollup }))),
    );
    for (const job of jobs) if (job.usage) recordKeyUsage(db, job.usage);
  }).immediate();
}
