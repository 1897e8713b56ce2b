import type { Reader } from '../client';
import { bucketKeyOf, type TimeBucket } from './dialect';
import { queryPlan } from './query-plan';

/**
 * The Auth, Discovery and Tools views read the specialized tables. Each view is ONE query, bounded twice:
 * by the range (an index search on idx_<table>_timestamp) and by VIEW_ROW_CAP, the newest rows of that
 * range, so a year-long range on a busy gateway costs the same as a day-long one (the view says when the
 * cap applied). The query groups the sample finely; lib/dashboard folds the groups into each chart.
 * A service filter and the view's own filters (server; method and client on Tools) are applied to the rows of
 * the range as the index search yields them.
 */
export const VIEW_ROW_CAP = 100_000;

/** The Auth and Tools views' filters besides the service: a URL parameter each, on a column of the view's table. */
export const OUTCOME_FILTERS = ['server', 'method', 'client'] as const;
export type OutcomeFilter = (typeof OUTCOME_FILTERS)[number];

/** A view's range and filters; a filter applies where the view's table has its column (OutcomeSource.filters). */
export interface ViewWindow extends Partial<Record<OutcomeFilter, string>> {
  from: string;
  to: string;
  /** The chart bucket rows are grouped by (keys as lib/dashboard/buckets.ts spells them). */
  bucket: TimeBucket;
  cap: number;
  service?: string;
}

type SpecializedTable = 'auth_metrics' | 'discovery_metrics' | 'tool_metrics';
type FilterColumns = Partial<Record<OutcomeFilter, string>>;

/** The filters a table has a column for, in OUTCOME_FILTERS order. */
const filtersOf = (columns: FilterColumns) => OUTCOME_FILTERS.flatMap((name) => (columns[name] === undefined ? [] : [{ name, column: columns[name] }]));

/** The newest `cap` rows of the range that pass the window's filters, and the values of its placeholders in order. */
function sample(table: SpecializedTable, columns: string, window: ViewWindow, filterColumns: FilterColumns = {}): { sql: string; params: unknown[] } {
  const conditions = [
    { column: 'service', value: window.service },
    ...filtersOf(filterColumns).map((f) => ({ column: f.column, value: window[f.name] })),
  ].filter((c) => c.value !== undefined);
  return {
    sql: `(SELECT timestamp, ${columns} FROM ${table} WHERE timestamp >= ? AND timestamp < ? ${conditions.map((c) => `AND ${c.column} = ?`).join(' ')}
      ORDER BY timestamp DESC LIMIT ?) AS sample`,
    params: [window.from, window.to, ...conditions.map((c) => c.value), window.cap],
  };
}

const bucketOf = (db: Reader, window: ViewWindow) => bucketKeyOf(db, 'timestamp', window.bucket);

export interface OutcomeSource {
  table: 'auth_metrics' | 'tool_metrics';
  /** The category the view ranks: the auth method, the tool. */
  column: string;
  /** The column of each filter the table has: the sample is filtered on it, and grouped by it for the filter's choices. */
  filters: FilterColumns;
}
export const AUTH_SOURCE: OutcomeSource = { table: 'auth_metrics', column: 'method', filters: { server: 'server' } };
export const TOOLS_SOURCE: OutcomeSource = {
  table: 'tool_metrics',
  column: 'tool_name',
  filters: { server: 'server_name', method: 'method', client: 'client_name' },
};

/** Attempts of one bucket, category (auth method or tool), filter values (those of the view's table), outcome and error code. */
export interface OutcomeGroup extends Partial<Record<OutcomeFilter, string | null>> {
  bucket: string;
  name: string;
  /** 1 succeeded, 0 failed, null no outcome reported. */
  success: 0 | 1 | null;
  errorCode: string | null;
  count: number;
  /** Rows with a duration, and their sum and maximum. */
  timed: number;
  sumDurationMs: number | null;
  maxDurationMs: number | null;
}

// `success` is a boolean on PostgreSQL: read as 1/0 like SQLite's integer. Grouped by every column but the
// aggregates: bucket, name, the filters' columns, success, error code.
function outcomeGroupsQuery(db: Reader, source: OutcomeSource, window: ViewWindow): { sql: string; params: unknown[] } {
  const filters = filtersOf(source.filters);
  const from = sample(
    source.table,
    [source.column, ...filters.map((f) => f.column), 'success', 'error_code', 'duration_ms'].join(', '),
    window,
    source.filters,
  );
  const sql = `SELECT ${bucketOf(db, window)} AS bucket, coalesce(${source.column}, '(none)') AS name, ${filters.map((f) => `${f.column} AS ${f.name}, `).join('')}
      ${db.engine === 'sqlite' ? 'success' : 'success::int'} AS success, error_code AS "errorCode",
      count(*) AS count, count(duration_ms) AS timed, sum(duration_ms) AS "sumDurationMs", max(duration_ms) AS "maxDurationMs"
    FROM ${from.sql}
    GROUP BY ${Array.from({ length: filters.length + 4 }, (_, i) => i + 1).join(', ')}`;
  return { sql, params: from.params };
}

export function selectOutcomeGroups(db: Reader, source: OutcomeSource, window: ViewWindow): Promise<OutcomeGroup[]> {
  const { sql, params } = outcomeGroupsQuery(db, source, window);
  return db.all<OutcomeGroup>(sql, params);
}

/** Discovery queries of one bucket and results band, with the sums and counts behind each mean. */
export interface DiscoveryGroup {
  bucket: string;
  band: string;
  count: number;
  embeddingSumMs: number | null;
  embeddingCount: number;
  searchSumMs: number | null;
  searchCount: number;
  resultsSum: number | null;
  resultsCount: number;
}

function discoveryGroupsQuery(db: Reader, window: ViewWindow): { sql: string; params: unknown[] } {
  const from = sample('discovery_metrics', 'embedding_time_ms, faiss_search_time_ms, results_count', window);
  const sql = `SELECT ${bucketOf(db, window)} AS bucket,
        CASE WHEN results_count IS NULL THEN 'unknown' WHEN results_count = 0 THEN '0' WHEN results_count <= 5 THEN '1-5'
          WHEN results_count <= 10 THEN '6-10' WHEN results_count <= 20 THEN '11-20' ELSE '21+' END AS band,
        count(*) AS count, sum(embedding_time_ms) AS "embeddingSumMs", count(embedding_time_ms) AS "embeddingCount",
        sum(faiss_search_time_ms) AS "searchSumMs", count(faiss_search_time_ms) AS "searchCount",
        sum(results_count) AS "resultsSum", count(results_count) AS "resultsCount"
      FROM ${from.sql}
      GROUP BY 1, 2`;
  return { sql, params: from.params };
}

export function selectDiscoveryGroups(db: Reader, window: ViewWindow): Promise<DiscoveryGroup[]> {
  const { sql, params } = discoveryGroupsQuery(db, window);
  return db.all<DiscoveryGroup>(sql, params);
}

/** The plan of each view's query, unfiltered and filtered: the sample must be an index search on the range. */
export async function explainViews(
  db: Reader,
  filters: Pick<ViewWindow, 'service' | OutcomeFilter> = {},
): Promise<Record<'auth' | 'tools' | 'discovery', string[]>> {
  const window: ViewWindow = { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z', bucket: 'hour', cap: 1, ...filters };
  const plan = ({ sql, params }: { sql: string; params: unknown[] }) => queryPlan(db, sql, params);
  return {
    auth: await plan(outcomeGroupsQuery(db, AUTH_SOURCE, window)),
    tools: await plan(outcomeGroupsQuery(db, TOOLS_SOURCE, window)),
    discovery: await plan(discoveryGroupsQuery(db, window)),
  };
}
