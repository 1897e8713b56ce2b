import type { Sqlite } from '../../db/connection';
import { deleteRollups, iterateMetricsForRollup } from '../../db/queries/rollups';
import { recordAudit } from '../audit/record';
import { parseInput } from '../validation';
import { dayOf, flag, hourOf } from './accumulate';
import { applyRollups } from './apply';
import { rebuildRangeSchema, type RebuildRangeInput } from './validation';

export interface RebuildResult {
  from: string;
  to: string;
  metrics: number;
}

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Recomputes metrics_hourly and metrics_daily for whole UTC days [from, to] from the raw metrics, in
 * one write transaction (ingestion waits, nothing is lost), through the same code the ingest path uses.
 */
export function rebuildRollups(db: Sqlite, input: RebuildRangeInput, actor: string): RebuildResult {
  const range = parseInput(rebuildRangeSchema, input);
  const from = `${range.from ?? '0000-01-01'}T00:00:00.000Z`;
  const to = `${range.to ? nextDay(range.to) : '9999-12-31'}T00:00:00.000Z`;
  return db.transaction(() => {
    deleteRollups(db, 'hourly', hourOf(from), hourOf(to));
    deleteRollups(db, 'daily', dayOf(from), dayOf(to));
    let metrics = 0;
    applyRollups(
      db,
      (function* () {
        for (const m of iterateMetricsForRollup(db, from, to)) {
          metrics += 1;
          const dimensions = m.dimensions ? (JSON.parse(m.dimensions) as Record<string, unknown>) : null;
          yield { row: m, rollup: { value: m.value, durationMs: m.durationMs, success: flag(dimensions?.success) } };
        }
      })(),
    );
    const result = { from: range.from ?? 'start', to: range.to ?? 'end', metrics };
    recordAudit(db, { actor, action: 'rollup.rebuild', target: `${result.from}..${result.to}`, after: result });
    return result;
  }).immediate();
}
