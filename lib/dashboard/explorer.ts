import type { Reader } from '../../db/client';
import { selectMetricsPage, type ExplorerCursor, type ExplorerFilter, type ExplorerRow } from '../../db/queries/dashboard-explorer';
import { invalidQueryParameter } from '../validation';
import type { TimeRange } from './time-range';

export const EXPLORER_PAGE_SIZE = 50;

export interface ExplorerQuery {
  range: TimeRange;
  service?: string;
  metricType?: string;
  cursor?: ExplorerCursor;
}

export interface ExplorerPage {
  rows: ExplorerRow[];
  /** The `cursor` URL value of the next (older) page; absent on the last page. */
  nextCursor?: string;
}

// `<timestamp>_<id>`: readable in a URL (no escaping), and `_` never occurs in an ISO timestamp.
export const encodeCursor = (row: ExplorerCursor) => `${row.timestamp}_${row.id}`;

export function decodeCursor(value: string): ExplorerCursor {
  const match = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z?)_(\d{1,15})$/.exec(value);
  if (!match) throw invalidQueryParameter('cursor', `expected <timestamp>_<id> as the "Older" link gives it, got "${value.slice(0, 80)}"`);
  return { timestamp: match[1], id: Number(match[2]) };
}

export const explorerFilter = (query: Omit<ExplorerQuery, 'cursor'>): ExplorerFilter => ({
  from: query.range.from.toISOString(),
  to: query.range.to.toISOString(),
  service: query.service,
  metricType: query.metricType,
});

/** One page of raw metrics, newest first, by keyset: one more row is read to know whether an older page exists. */
export async function loadExplorerPage(db: Reader, query: ExplorerQuery, pageSize = EXPLORER_PAGE_SIZE): Promise<ExplorerPage> {
  const rows = await selectMetricsPage(db, explorerFilter(query), query.cursor, pageSize + 1);
  if (rows.length <= pageSize) return { rows };
  const page = rows.slice(0, pageSize);
  return { rows: page, nextCursor: encodeCursor(page[page.length - 1]) };
}
