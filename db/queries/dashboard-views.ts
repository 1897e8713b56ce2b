import type { Reader } from '../client';
import { isoPrefix } from './dialect';
import { queryPlan } from './query-plan';

/**
 * The Auth, Discovery and Tools views read the specialized tables. Each view is ONE query, bounded twice:
 * by the range (an index search on idx_<table>_timestamp) and by VIEW_ROW_CAP, the newest rows of that
 * range, so a year-long range on a busy gateway costs the same as a day-long one (the view says when the
 * cap applied). The query groups the sample finely; lib/dashboard folds the groups into each chart.
 * A service or server filter is applied to the rows of the range as the index search yields them.
 */
export const VIEW_ROW_CAP = 100_000;

export interface ViewWindow {
  from: string;
  to: string;
  /** 13 groups rows by hour (`YYYY-MM-DDTHH`), 10 by day. */
  bucketLength: 13 | 10;
  cap: number;
  service?: string;
  /** Auth and Tools only: the server column's value. */
  server?: string;
}

type SpecializedTable = 'auth_metrics' | 'discovery_metrics' | 'tool_metrics';

function sample(table: SpecializedTable, columns: string, window: ViewWindow, serverColumn?: string): string {
  const service = window.service === undefined ? '' : 'AND service = ?';
  const server = window.server === undefined || serverColumn === undefined ? '' : `AND ${serverColumn} = ?`;
  return `(SELECT timestamp, ${columns} FROM ${table} WHERE timestamp >= ? AND timestamp < ? ${service} ${server} ORDER BY timestamp DESC LIMIT ?) AS sample`;
}

const bucketOf = (db: Reader, window: ViewWindow) => isoPrefix(db, 'timestamp', window.bucketLength);
const windowParams = (window: ViewWindow, withServer: boolean) =>
  [window.from, window.to, window.service, withServer ? window.server : undefined, window.cap].filter((p) => p !== undefined);

type OutcomeSource = { table: 'auth_metrics'; column: 'method'; server: 'server' } | { table: 'tool_metrics'; column: 'tool_name'; server: 'server_name' };
export const AUTH_SOURCE: OutcomeSource = { table: 'auth_metrics', column: 'method', server: 'server' };
export const TOOLS_SOURCE: OutcomeSource = { table: 'tool_metrics', column: 'tool_name', server: 'server_name' };

/** Attempts of one bucket, category (auth method or tool), server, outcome and error code. */
export interface OutcomeGroup {
  bucket: string;
  name: string;
  server: string | null;
  /** 1 succeeded, 0 failed, null no outcome reported. */
  success: 0 | 1 | null;
  errorCode: string | null;
  count: number;
  /** Rows with a duration, and their sum and maximum. */
  timed: number;
  sumDurationMs: number | null;
  maxDurationMs: number | null;
}

// `success` is a boolean on PostgreSQL: read as 1/0 like SQLite's integer.
const outcomeGroupsSql = (db: Reader, source: OutcomeSource, window: ViewWindow) =>
  `SELECT ${bucketOf(db, window)} AS bucket, coalesce(${source.column}, '(none)') AS name, ${source.server} AS server,
      ${db.engine === 'sqlite' ? 'success' : 'success::int'} AS success, error_code AS "errorCode",
      count(*) AS count, count(duration_ms) AS timed, sum(duration_ms) AS "sumDurationMs", max(duration_ms) AS "maxDurationMs"
    FROM ${sample(source.table, `${source.column}, ${source.server}, success, error_code, duration_ms`, window, source.server)}
    GROUP BY 1, 2, 3, 4, 5`;

export function selectOutcomeGroups(db: Reader, source: OutcomeSource, window: ViewWindow): Promise<OutcomeGroup[]> {
  return db.all<OutcomeGroup>(outcomeGroupsSql(db, source, window), windowParams(window, true));
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

const discoveryGroupsSql = (db: Reader, window: ViewWindow) => `SELECT ${bucketOf(db, window)} AS bucket,
        CASE WHEN results_count IS NULL THEN 'unknown' WHEN results_count = 0 THEN '0' WHEN results_count <= 5 THEN '1-5'
          WHEN results_count <= 10 THEN '6-10' WHEN results_count <= 20 THEN '11-20' ELSE '21+' END AS band,
        count(*) AS count, sum(embedding_time_ms) AS "embeddingSumMs", count(embedding_time_ms) AS "embeddingCount",
        sum(faiss_search_time_ms) AS "searchSumMs", count(faiss_search_time_ms) AS "searchCount",
        sum(results_count) AS "resultsSum", count(results_count) AS "resultsCount"
      FROM ${sample('discovery_metrics', 'embedding_time_ms, faiss_search_time_ms, results_count', window)}
      GROUP BY 1, 2`;

export function selectDiscoveryGroups(db: Reader, window: ViewWindow): Promise<DiscoveryGroup[]> {
  return db.all<DiscoveryGroup>(discoveryGroupsSql(db, window), windowParams(window, false));
}

/** The plan of each view's query, unfiltered and filtered: the sample must be an index search on the range. */
export async function explainViews(
  db: Reader,
  filters: Pick<ViewWindow, 'service' | 'server'> = {},
): Promise<Record<'auth' | 'tools' | 'discovery', string[]>> {
  const window: ViewWindow = { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z', bucketLength: 13, cap: 1, ...filters };
  return {
    auth: await queryPlan(db, outcomeGroupsSql(db, AUTH_SOURCE, window), windowParams(window, true)),
    tools: await queryPlan(db, outcomeGroupsSql(db, TOOLS_SOURCE, window), windowParams(window, true)),
    discovery: await queryPlan(db, discoveryGroupsSql(db, window), windowParams(window, false)),
  };
}
