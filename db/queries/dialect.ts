import type { Reader } from '../client';

// The few places where the engines spell the same thing differently. Statements are written once,
// in the SQL both share, and take these fragments where they differ.

/** A flag as a statement parameter: SQLite has no boolean type (1/0), PostgreSQL does. */
export const flagParam = (db: Reader, value: boolean | null): number | boolean | null =>
  value === null ? null : db.engine === 'sqlite' ? Number(value) : value;

/** The current time, as a column default of the spec writes it. */
export const nowSql = (db: Reader) => (db.engine === 'sqlite' ? `datetime('now')` : 'now()');

/** A time column read as SQLite's datetime('now') writes it: `YYYY-MM-DD HH:MM:SS` (UTC). */
export const datetimeText = (db: Reader, column: string) =>
  db.engine === 'sqlite' ? column : `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')`;

const ISO_PREFIX_FORMATS = { 10: 'YYYY-MM-DD', 13: 'YYYY-MM-DD"T"HH24', 16: 'YYYY-MM-DD"T"HH24:MI' } as const;

/** A time column as its first 10 (`YYYY-MM-DD`), 13 (`YYYY-MM-DDTHH`) or 16 (`YYYY-MM-DDTHH:MM`) characters of ISO text. */
export const isoPrefix = (db: Reader, column: string, length: keyof typeof ISO_PREFIX_FORMATS) =>
  db.engine === 'sqlite' ? `substr(${column}, 1, ${length})` : `to_char(${column} AT TIME ZONE 'UTC', '${ISO_PREFIX_FORMATS[length]}')`;

/** An hour bucket column read as SQLite stores it: `YYYY-MM-DDTHH:00:00Z`. */
export const hourText = (db: Reader, column: string) =>
  db.engine === 'sqlite' ? column : `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:00:00"Z"')`;

/** A minute bucket column read as SQLite stores it: `YYYY-MM-DDTHH:MM:00Z`. */
export const minuteText = (db: Reader, column: string) =>
  db.engine === 'sqlite' ? column : `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:00"Z"')`;

/** A chart bucket (lib/dashboard/buckets.ts): a minute, 5 minutes (keyed by the first), an hour or a day. */
export type TimeBucket = 'minute' | '5min' | 'hour' | 'day';
const BUCKET_PREFIX = { minute: 16, hour: 13, day: 10 } as const;

/** A time column as the key of its bucket: `YYYY-MM-DDTHH:MM` (5 minutes: the first minute's), `YYYY-MM-DDTHH` or `YYYY-MM-DD`. */
export function bucketKeyOf(db: Reader, column: string, bucket: TimeBucket): string {
  if (bucket !== '5min') return isoPrefix(db, column, BUCKET_PREFIX[bucket]);
  return db.engine === 'sqlite'
    ? `substr(${column}, 1, 14) || printf('%02d', CAST(substr(${column}, 15, 2) AS INTEGER) / 5 * 5)`
    : `to_char(date_bin('5 minutes', ${column}, TIMESTAMPTZ '2000-01-01 00:00:00Z') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI')`;
}
