import { RETENTION_TABLES, type ColumnFormat, type RetentionTable } from './tables';

const DAY_MS = 86_400_000;

/**
 * Renders an instant the way a column stores it, so that a plain text comparison `column < cutoff`
 * (which can use the column's index) means "older than the instant":
 * - sqlite-datetime: `YYYY-MM-DD HH:MM:SS`, what `datetime('now')` writes into created_at;
 * - iso: `YYYY-MM-DDTHH:MM:SS.sssZ`; an hour bucket `…THH:00:00Z` sorts before it exactly when the hour
 *   began before the instant;
 * - date: `YYYY-MM-DD`; a day is expired once it lies wholly before the cutoff's day.
 */
export function formatInstant(instant: Date, format: ColumnFormat): string {
  const iso = instant.toISOString();
  switch (format) {
    case 'sqlite-datetime':
      return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
    case 'iso':
      return iso;
    case 'date':
      return iso.slice(0, 10);
  }
}

/** The instant a policy of `days` days expires what is older than, as of `now`. */
export const cutoffInstant = (days: number, now: Date = new Date()) => new Date(now.getTime() - days * DAY_MS);

/** The cutoff of a table under a policy of `days` days: rows whose aging column sorts below it are expired. */
export function cutoffFor(table: RetentionTable, days: number, now: Date = new Date()): string {
  return formatInstant(cutoffInstant(days, now), RETENTION_TABLES[table].format);
}
