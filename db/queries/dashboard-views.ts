import type { Sqlite } from '../connection';
import { statement } from './prepared';

/**
 * The Auth, Discovery and Tools views read the specialized tables. Each view is ONE query, bounded twice:
 * by the range (an index search on idx_<table>_timestamp) and by VIEW_ROW_CAP, the newest rows of that
 * range, so a year-long range on a busy gateway costs the same as a day-long one (the view says when the
 * cap applied). The query groups the sample finely; lib/dashboard folds the groups into each chart.
 */
export const VIEW_ROW_CAP = 100_000;

export interface ViewWindow {
  from: string;
  to: string;
  /** 13 groups rows by hour (`YYYY-MM-DDTHH`), 10 by day. */
  bucketLength: 13 | 10;
  cap: number;
}

type SpecializedTable = 'auth_metrics' | 'discovery_metrics' | 'tool_metrics';

const sample = (table: SpecializedTable, columns: string) =>
  `(SELECT timestamp, ${columns} FROM ${table} WHERE timestamp >= @from AND timestamp < @to ORDER BY timestamp DESC LIMIT @cap)`;

const run = <T>(db: Sqlite, sql: string, window: ViewWindow): T[] => statement(db, sql).all(window) as T[];

type OutcomeSource = { table: 'auth_metrics'; column: 'method' } | { table: 'tool_metrics'; column: 'tool_name' };
export const AUTH_SOURCE: OutcomeSource = { table: 'auth_metrics', column: 'method' };
export const TOOLS_SOURCE: OutcomeSource = { table: 'tool_metrics', column: 'tool_name' };

/** Attempts of one bucket, category (auth method or tool), outcome and error code. */
export interface OutcomeGroup {
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

const outcomeGroupsSql = (source: OutcomeSource) =>
  `SELECT substr(timestamp, 1, @bucketLength) AS bucket, coalesce(${source.column}, '(none)') AS name, success, error_code AS errorCode,
      count(*) AS count, count(duration_ms) AS timed, sum(duration_ms) AS sumDurationMs, max(duration_ms) AS maxDurationMs
    FROM ${sample(source.table, `${source.column}, success, error_code, duration_ms`)}
    GROUP BY bucket, name, success, errorCode`;

export function selectOutcomeGroups(db: Sqlite, source: OutcomeSource, window: ViewWindow): OutcomeGroup[] {
  return run(db, outcomeGroupsSql(source), window);
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

const DISCOVERY_GROUPS_SQL = `SELECT substr(timestamp, 1, @bucketLength) AS bucket,
        CASE WHEN results_count IS NULL THEN 'unknown' WHEN results_count = 0 THEN '0' WHEN results_count <= 5 THEN '1-5'
          WHEN results_count <= 10 THEN '6-10' WHEN results_count <= 20 THEN '11-20' ELSE '21+' END AS band,
        count(*) AS count, sum(embedding_time_ms) AS embeddingSumMs, count(embedding_time_ms) AS embeddingCount,
        sum(faiss_search_time_ms) AS searchSumMs, count(faiss_search_time_ms) AS searchCount,
        sum(results_count) AS resultsSum, count(results_count) AS resultsCount
      FROM ${sample('discovery_metrics', 'embedding_time_ms, faiss_search_time_ms, results_count')}
      GROUP BY bucket, band`;

export function selectDiscoveryGroups(db: Sqlite, window: ViewWindow): DiscoveryGroup[] {
  return run(db, DISCOVERY_GROUPS_SQL, window);
}

/** The plan of each view's query: the sample must be an index search on the range. */
export function explainViews(db: Sqlite): Record<'auth' | 'tools' | 'discovery', string[]> {
  const window: ViewWindow = { from: '', to: '', bucketLength: 13, cap: 1 };
  const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(window) as { detail: string }[]).map((r) => r.detail);
  return { auth: plan(outcomeGroupsSql(AUTH_SOURCE)), tools: plan(outcomeGroupsSql(TOOLS_SOURCE)), discovery: plan(DISCOVERY_GROUPS_SQL) };
}
