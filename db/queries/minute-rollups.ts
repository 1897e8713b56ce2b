import type { Reader } from '../client';
import { ROLLUP_ROW_COLUMNS, shapeOf, typeCondition, type BucketSignature, type ReadShape, type RollupRow } from './dashboard';
import { isoPrefix } from './dialect';
import { queryPlan } from './query-plan';

/** metrics_minutely (a row a minute) or metrics_5min (a row every 5 minutes, keyed by its first minute). */
const TABLES = { 1: 'metrics_minutely', 5: 'metrics_5min' } as const;

/** A span of minute or 5-minute rollup rows. */
export interface MinuteSpan {
  /** Bucket width: 1 (metrics_minutely) or 5 minutes (metrics_5min). */
  minutes: keyof typeof TABLES;
  /** Inclusive lower / exclusive upper bound as minute keys, `YYYY-MM-DDTHH:MM` (5-minute keys end in 0 or 5). */
  first: string;
  afterLast: string;
  service?: string;
  /** Only these metric types (none given: every type). */
  metricTypes?: readonly string[];
}

// SQLite compares the text keys with the stored `…THH:MM:00Z` text (a key sorts just before its own minute);
// PostgreSQL's minute_timestamp is a timestamptz, so a key becomes the instant it names.
const boundParam = (db: Reader, key: string) => (db.engine === 'postgres' ? `${key}:00Z` : key);

// The filters as selectRollupRows spells them, on the same reasoning: the range bounds the index search,
// idx_*_service_type_minute with both filters, otherwise idx_*_minute (`+service` keeps a lone service
// filter off the service/type index on SQLite, which would read all that service's rows).
function minuteQuery(db: Reader, span: MinuteSpan, shape: ReadShape): { sql: string; params: unknown[] } {
  const loneService = db.engine === 'sqlite' ? '+service' : 'service';
  const { columns, groupBy } = shapeOf(shape, ROLLUP_ROW_COLUMNS);
  const sql = `SELECT ${isoPrefix(db, 'minute_timestamp', 16)} AS bucket, ${columns}
    FROM ${TABLES[span.minutes]}
    WHERE minute_timestamp >= ? AND minute_timestamp < ?
      ${span.service === undefined ? '' : span.metricTypes === undefined ? `AND ${loneService} = ?` : 'AND service = ?'}
      ${typeCondition(span.metricTypes)}
    ${groupBy}`;
  const params = [boundParam(db, span.first), boundParam(db, span.afterLast), span.service, ...(span.metricTypes ?? [])].filter((p) => p !== undefined);
  return { sql, params };
}

/**
 * The minute or 5-minute rollup rows of a span, one per service, metric type and bucket (bucket
 * `YYYY-MM-DDTHH:MM`, the first minute it covers), shaped as selectRollupRows's hourly and daily rows
 * are, so that charts fold and read them alike; bounded by the minute index.
 */
export function selectMinuteRollupRows(db: Reader, span: MinuteSpan): Promise<RollupRow[]> {
  const { sql, params } = minuteQuery(db, span, 'rows');
  return db.all<RollupRow>(sql, params);
}

/** The BucketSignature of each minute (or 5 minutes) of the span that has rows, on the same index search. */
export function selectMinuteRollupSignatures(db: Reader, span: MinuteSpan): Promise<BucketSignature[]> {
  const { sql, params } = minuteQuery(db, span, 'signatures');
  return db.all<BucketSignature>(sql, params);
}

export function explainMinuteRollupRows(db: Reader, span: MinuteSpan, shape: ReadShape = 'rows'): Promise<string[]> {
  const { sql, params } = minuteQuery(db, span, shape);
  return queryPlan(db, sql, params);
}
