import type { Sqlite } from '../connection';
import { statement } from './prepared';

/**
 * The Auth, Discovery and Tools views read the specialized tables. Every query is bounded twice: by the
 * range (an index search on idx_<table>_timestamp) and by VIEW_ROW_CAP, the newest rows of that range, so
 * a year-long range on a busy gateway costs the same as a day-long one (the view says when the cap applied).
 */
export const VIEW_ROW_CAP = 100_000;

export interface ViewWindow {
  from: string;
  to: string;
  /** 13 groups rows by hour (`YYYY-MM-DDTHH`), 10 by day. */
  bucketLength: 13 | 10;
  cap?: number;
}

type SpecializedTable = 'auth_metrics' | 'discovery_metrics' | 'tool_metrics';

const sample = (table: SpecializedTable, columns: string) =>
  `(SELECT timestamp, ${columns} FROM ${table} WHERE timestamp >= @from AND timestamp < @to ORDER BY timestamp DESC LIMIT @cap)`;

function run<T>(db: Sqlite, sql: string, window: ViewWindow): T[] {
  return statement(db, sql).all({ from: window.from, to: window.to, bucketLength: window.bucketLength, cap: window.cap ?? VIEW_ROW_CAP }) as T[];
}

export function explainView(db: Sqlite, table: SpecializedTable): string[] {
  const sql = `SELECT count(*) FROM ${sample(table, 'duration_ms')}`;
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ from: '', to: '', cap: 1 }) as { detail: string }[]).map((r) => r.detail);
}

export interface OutcomeBucket {
  bucket: string;
  count: number;
  succeeded: number;
  failed: number;
  /** Rows with a duration: the weight of avgDurationMs. */
  timed: number;
  avgDurationMs: number | null;
}

export interface OutcomeCategory {
  name: string;
  count: number;
  succeeded: number;
  failed: number;
  timed: number;
  avgDurationMs: number | null;
  maxDurationMs: number | null;
}

const OUTCOME_COLUMNS = `count(*) AS count, coalesce(sum(success = 1), 0) AS succeeded, coalesce(sum(success = 0), 0) AS failed,
  count(duration_ms) AS timed, avg(duration_ms) AS avgDurationMs`;

/** Per bucket: attempts, successes, failures, mean duration (auth_metrics or tool_metrics). */
export function selectOutcomeSeries(db: Sqlite, table: 'auth_metrics' | 'tool_metrics', window: ViewWindow): OutcomeBucket[] {
  return run(db, `SELECT substr(timestamp, 1, @bucketLength) AS bucket, ${OUTCOME_COLUMNS} FROM ${sample(table, 'success, duration_ms')} GROUP BY bucket`, window);
}

/** The `limit` busiest values of a column (an auth method, a tool) with their outcomes and durations. */
export function selectOutcomeCategories(db: Sqlite, source: { table: 'auth_metrics'; column: 'method' } | { table: 'tool_metrics'; column: 'tool_name' }, window: ViewWindow, limit: number): OutcomeCategory[] {
  return run(
    db,
    `SELECT coalesce(${source.column}, '(none)') AS name, ${OUTCOME_COLUMNS}, max(duration_ms) AS maxDurationMs
      FROM ${sample(source.table, `success, duration_ms, ${source.column}`)} GROUP BY name ORDER BY count DESC, name LIMIT ${Number(limit)}`,
    window,
  );
}

/** The most frequent error codes of failed attempts. */
export function selectTopErrorCodes(db: Sqlite, table: 'auth_metrics' | 'tool_metrics', window: ViewWindow, limit: number): { name: string; count: number }[] {
  return run(
    db,
    `SELECT coalesce(error_code, '(none)') AS name, count(*) AS count FROM ${sample(table, 'success, error_code')}
      WHERE success = 0 GROUP BY name ORDER BY count DESC, name LIMIT ${Number(limit)}`,
    window,
  );
}

export interface DiscoveryBucket {
  bucket: string;
  count: number;
  avgEmbeddingMs: number | null;
  avgSearchMs: number | null;
  avgDurationMs: number | null;
  avgResults: number | null;
}

export function selectDiscoverySeries(db: Sqlite, window: ViewWindow): DiscoveryBucket[] {
  return run(
    db,
    `SELECT substr(timestamp, 1, @bucketLength) AS bucket, count(*) AS count, avg(embedding_time_ms) AS avgEmbeddingMs,
        avg(faiss_search_time_ms) AS avgSearchMs, avg(duration_ms) AS avgDurationMs, avg(results_count) AS avgResults
      FROM ${sample('discovery_metrics', 'embedding_time_ms, faiss_search_time_ms, duration_ms, results_count')} GROUP BY bucket`,
    window,
  );
}

/** How many discovery queries returned how many results, in the bands the view charts. */
export function selectResultsCountBands(db: Sqlite, window: ViewWindow): { name: string; count: number }[] {
  return run(
    db,
    `SELECT CASE WHEN results_count IS NULL THEN 'unknown' WHEN results_count = 0 THEN '0' WHEN results_count <= 5 THEN '1-5'
          WHEN results_count <= 10 THEN '6-10' WHEN results_count <= 20 THEN '11-20' ELSE '21+' END AS name, count(*) AS count
      FROM ${sample('discovery_metrics', 'results_count')} GROUP BY name`,
    window,
  );
}
