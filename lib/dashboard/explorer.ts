import type { Reader } from '../../db/client';
import {
  EXPLORER_SCAN_ROWS,
  hasScanFilter,
  selectMetricsPage,
  selectScanEnd,
  type ExplorerCursor,
  type ExplorerFilter,
  type ExplorerRow,
  type ExplorerScanFilter,
} from '../../db/queries/dashboard-explorer';
import { invalidQueryParameter } from '../invalid-input';
import type { TimeRange } from './time-range';
import { metricTypesOf, type TypeFilter } from './type-filter';

export const EXPLORER_PAGE_SIZE = 50;

export interface ExplorerQuery extends ExplorerScanFilter {
  range: TimeRange;
  service?: string;
  /** `requests` (the request types, as the overview counts them), one metric type, or absent: every type. */
  metricType?: Exclude<TypeFilter, 'all'>;
  cursor?: ExplorerCursor;
}

export interface ExplorerPage {
  rows: ExplorerRow[];
  /** The `cursor` URL value of the next (older) page; absent on the last page. */
  nextCursor?: string;
  /** Set when a filter on dimensions looked at its bounded share of rows and found fewer than a page: where that look ended. */
  scannedTo?: string;
}

// `<timestamp>_<id>`: readable in a URL (no escaping), and `_` never occurs in an ISO timestamp.
export const encodeCursor = (row: ExplorerCursor) => `${row.timestamp}_${row.id}`;

export function decodeCursor(value: string): ExplorerCursor {
  const match = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z?)_(\d{1,15})$/.exec(value);
  if (!match) throw invalidQueryParameter('cursor', `expected <timestamp>_<id> as the "Older" link gives it, got "${value.slice(0, 80)}"`);
  return { timestamp: match[1], id: Number(match[2]) };
}

export const explorerFilter = ({ range, metricType, cursor: _cursor, ...rest }: ExplorerQuery): ExplorerFilter => ({
  ...rest,
  from: range.from.toISOString(),
  to: range.to.toISOString(),
  metricTypes: metricType === undefined ? undefined : metricTypesOf(metricType),
});

/**
 * Up to `limit` matching rows after the cursor, and where the next read starts (undefined: nothing older
 * matches). A filter on dimensions reads a bounded stretch of the range per call (EXPLORER_SCAN_ROWS): when
 * it found fewer than `limit`, the next read starts where that stretch ended, so every call stays bounded.
 */
export async function readExplorerRows(
  db: Reader,
  filter: ExplorerFilter,
  after: ExplorerCursor | undefined,
  limit: number,
  scanRows = EXPLORER_SCAN_ROWS,
): Promise<{ rows: ExplorerRow[]; next?: ExplorerCursor; scanEnded?: boolean }> {
  const rows = await selectMetricsPage(db, filter, after, limit + 1, scanRows);
  if (rows.length > limit) return { rows: rows.slice(0, limit), next: rows[limit - 1] };
  if (!hasScanFilter(filter)) return { rows };
  const end = await selectScanEnd(db, filter, after, scanRows);
  return end ? { rows, next: end, scanEnded: true } : { rows };
}

/** One page of raw metrics, newest first, by keyset: one more row is read to know whether an older page exists. */
export async function loadExplorerPage(db: Reader, query: ExplorerQuery, pageSize = EXPLORER_PAGE_SIZE, scanRows = EXPLORER_SCAN_ROWS): Promise<ExplorerPage> {
  const { rows, next, scanEnded } = await readExplorerRows(db, explorerFilter(query), query.cursor, pageSize, scanRows);
  const cursor = next && encodeCursor(next);
  return { rows, nextCursor: cursor, scannedTo: scanEnded ? next!.timestamp : undefined };
}

/** What the Explorer's columns show of a row's JSON: its outcome and the dimensions that tell requests apart. */
export interface KeyDimensions {
  success: boolean | null;
  toolName: string | null;
  method: string | null;
  server: string | null;
  client: string | null;
  errorCode: string | null;
}

function parseObject(text: string | null): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text ?? 'null');
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const textOf = (value: unknown) => (value === undefined || value === null || value === '' ? null : String(value));

export function keyDimensions(row: Pick<ExplorerRow, 'dimensions' | 'metadata'>): KeyDimensions {
  const d = parseObject(row.dimensions);
  const m = parseObject(row.metadata);
  return {
    // As the rollups count it (lib/rollups/accumulate.ts flag).
    success: d.success === true || d.success === 'true' ? true : d.success === false || d.success === 'false' ? false : null,
    toolName: textOf(d.tool_name),
    method: textOf(d.method),
    server: textOf(d.server_name ?? d.server),
    client: textOf(d.client_name),
    errorCode: textOf(m.error_code),
  };
}
