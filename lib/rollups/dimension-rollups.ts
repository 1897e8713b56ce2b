import type { Tx } from '../../db/client';
import {
  ensureDimensionRows,
  lockDimensionGroup,
  TOTAL_VALUE,
  upsertDimensionRow,
  type Dimension,
  type DimensionGroupKey,
  type DimensionRow,
} from '../../db/queries/dimension-rollups';
import { hourOf, type RollupInput } from './accumulate';
import { addToSketch, emptySketch, mergeSketchInto, parseSketch, serializeSketch } from './sketch';

/** Which dimensions.* keys each dimension reads (the first one present wins). */
export const DIMENSION_KEYS: Record<Dimension, readonly string[]> = { tool: ['tool_name'], server: ['server_name', 'server'], client: ['client_name'] };
export const DIMENSIONS = Object.keys(DIMENSION_KEYS) as Dimension[];

/**
 * Distinct values kept per dimension, service, metric type and hour: the first ones seen that hour get a row
 * each, later new values add to OTHER_VALUE's row. A client sending random tool names thus adds at most one
 * row an hour, and the counts stay exact in total. Each group has a TOTAL_VALUE row besides, of all its metrics.
 */
export const DIMENSION_VALUES_PER_HOUR = 20;
export const OTHER_VALUE = '(other)';
// The names of the rows these rollups keep themselves: a metric's value spelled as one counts under OTHER_VALUE.
const RESERVED = new Set([OTHER_VALUE, TOTAL_VALUE]);
const MAX_VALUE_LENGTH = 200;

/** A metric as these rollups see it: an ingest path MetricWrite is one. */
export interface DimensionMetric {
  row: { service: string; metricType: string; timestamp: string; dimensions: string | null };
  rollup: RollupInput;
}

// Only dimensions JSON that names one of the keys is parsed: most metrics carry none of them.
const MENTIONS = /"(tool_name|server_name|server|client_name)"/;

function valuesOf(dimensions: string | null): [Dimension, string][] {
  if (!dimensions || !MENTIONS.test(dimensions)) return [];
  const parsed = JSON.parse(dimensions) as Record<string, unknown>;
  const found: [Dimension, string][] = [];
  for (const dimension of DIMENSIONS) {
    const raw = DIMENSION_KEYS[dimension].map((k) => parsed[k]).find((v) => v !== undefined && v !== null && v !== '');
    if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') found.push([dimension, String(raw).slice(0, MAX_VALUE_LENGTH)]);
  }
  return found;
}

/**
 * Metrics by dimension, service, type and hour, each group's values in the order the metrics came: that order
 * decides which values of an hour get rows of their own. Ingestion groups a commit's metrics, a rollup rebuild
 * a whole day's, both in id order, so both keep the same values (but where servers sharing a PostgreSQL
 * database commit into one hour at once, in an order other than their ids': then a rebuild may give a slot
 * to another of that hour's values, the counts unchanged).
 */
export type DimensionGroups = Map<string, { key: DimensionGroupKey; byValue: Map<string, RollupInput[]> }>;

function add(state: DimensionRow, input: RollupInput, sketch: ReturnType<typeof parseSketch>): void {
  state.count += 1;
  if (input.success === true) state.successCount += 1;
  if (input.success === false) state.failureCount += 1;
  if (input.durationMs !== null) {
    state.durationCount += 1;
    state.sumDurationMs += input.durationMs;
    addToSketch(sketch, input.durationMs);
  }
}

/** Adds a metric to the groups of the tool, server and client it names. */
export function addToDimensionGroups(groups: DimensionGroups, { row, rollup }: DimensionMetric): void {
  for (const [dimension, value] of valuesOf(row.dimensions)) {
    const key: DimensionGroupKey = { dimension, service: row.service, metricType: row.metricType, hour: hourOf(row.timestamp) };
    const id = `${dimension}\u0000${row.service}\u0000${row.metricType}\u0000${key.hour}`;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { key, byValue: new Map() }));
    let inputs = group.byValue.get(value);
    if (!inputs) group.byValue.set(value, (inputs = []));
    inputs.push(rollup);
  }
}

/**
 * The group's total row as stored or, where it does not count what the group's other rows count, added up
 * again from them: rows an instance without migration 0016 wrote during a rolling upgrade (it writes no
 * totals) are then counted at the group's next write.
 */
function storedTotal(stored: readonly DimensionRow[]): DimensionRow | undefined {
  const total = stored.find((r) => r.value === TOTAL_VALUE);
  const rows = stored.filter((r) => r.value !== TOTAL_VALUE);
  if (rows.length === 0 || total?.count === rows.reduce((n, r) => n + r.count, 0)) return total;
  const sum = { value: TOTAL_VALUE, count: 0, successCount: 0, failureCount: 0, durationCount: 0, sumDurationMs: 0 };
  const sketch = emptySketch();
  for (const row of rows) {
    sum.count += row.count;
    sum.successCount += row.successCount;
    sum.failureCount += row.failureCount;
    sum.durationCount += row.durationCount;
    sum.sumDurationMs += row.sumDurationMs;
    mergeSketchInto(sketch, parseSketch(row.durationSketch));
  }
  return { ...sum, durationSketch: serializeSketch(sketch) };
}

/** Folds the groups into their hourly rows, merged with what those rows already hold. */
export async function writeDimensionGroups(tx: Tx, groups: DimensionGroups): Promise<void> {
  // Groups are locked in one fixed order, so concurrent commits (several servers on PostgreSQL) cannot deadlock.
  for (const id of [...groups.keys()].sort()) {
    const { key, byValue } = groups.get(id)!;
    let stored = await lockDimensionGroup(tx, key);
    const kept = new Set(stored.filter((r) => !RESERVED.has(r.value)).map((r) => r.value));
    const target = new Map<string, RollupInput[]>([[TOTAL_VALUE, [...byValue.values()].flat()]]);
    for (const [value, inputs] of byValue) {
      if (!kept.has(value) && kept.size < DIMENSION_VALUES_PER_HOUR && !RESERVED.has(value)) kept.add(value);
      const name = kept.has(value) ? value : OTHER_VALUE;
      target.set(name, [...(target.get(name) ?? []), ...inputs]);
    }
    const known = new Set(stored.map((r) => r.value));
    const fresh = [...target.keys()].filter((v) => !known.has(v));
    if (tx.engine === 'postgres' && fresh.length) {
      await ensureDimensionRows(tx, key, fresh);
      stored = await lockDimensionGroup(tx, key);
    }
    const byName = new Map(stored.map((r) => [r.value, r]));
    const total = storedTotal(stored);
    for (const [value, inputs] of target) {
      const before = value === TOTAL_VALUE ? total : byName.get(value);
      const state: DimensionRow = before
        ? { ...before, sumDurationMs: Number(before.sumDurationMs) }
        : { value, count: 0, successCount: 0, failureCount: 0, durationCount: 0, sumDurationMs: 0, durationSketch: null };
      const sketch = parseSketch(state.durationSketch);
      for (const input of inputs) add(state, input, sketch);
      await upsertDimensionRow(tx, key, { ...state, durationSketch: serializeSketch(sketch) });
    }
  }
}

/** Folds metrics into their hourly rows per tool, server and client (in the ingest transaction, after the other rollups). */
export async function applyDimensionRollups(tx: Tx, metrics: Iterable<DimensionMetric>): Promise<void> {
  const groups: DimensionGroups = new Map();
  for (const metric of metrics) addToDimensionGroups(groups, metric);
  await writeDimensionGroups(tx, groups);
}
