import type { Reader } from '../../db/client';
import { selectMetricsPage, type ExplorerCursor, type ExplorerRow } from '../../db/queries/dashboard-explorer';
import { csvLine } from './csv';
import { explorerFilter, type ExplorerQuery } from './explorer';

const COLUMNS: [string, (row: ExplorerRow) => string | number | null][] = [
  ['id', (r) => r.id],
  ['timestamp', (r) => r.timestamp],
  ['service', (r) => r.service],
  ['metric_type', (r) => r.metricType],
  ['value', (r) => r.value],
  ['duration_ms', (r) => r.durationMs],
  ['request_id', (r) => r.requestId],
  ['service_version', (r) => r.serviceVersion],
  ['instance_id', (r) => r.instanceId],
  ['dimensions', (r) => r.dimensions],
  ['metadata', (r) => r.metadata],
  ['created_at', (r) => r.createdAt],
];

/** Rows read per pull: each is one short keyset query, so no read transaction stays open while the client downloads. */
export const CSV_BATCH = 1000;

/** The explorer's filtered rows (all pages, newest first) as a CSV stream, produced as the client reads it. */
export function explorerCsvStream(db: Reader, query: Omit<ExplorerQuery, 'cursor'>, batch = CSV_BATCH): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const filter = explorerFilter(query);
  let cursor: ExplorerCursor | undefined;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let text = headerSent ? '' : csvLine(COLUMNS.map(([name]) => name));
      headerSent = true;
      const rows = await selectMetricsPage(db, filter, cursor, batch);
      for (const row of rows) text += csvLine(COLUMNS.map(([, read]) => read(row)));
      if (text) controller.enqueue(encoder.encode(text));
      if (rows.length < batch) controller.close();
      else cursor = rows[rows.length - 1];
    },
  });
}
