import path from 'node:path';
import type { Db, Reader, ThreadTask } from '../../db/client';
import type { ExplorerCursor, ExplorerFilter, ExplorerRow } from '../../db/queries/dashboard-explorer';
import { csvLine } from './csv';
import { explorerFilter, readExplorerRows, type ExplorerQuery } from './explorer';

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

interface CsvPage {
  filter: ExplorerFilter;
  cursor?: ExplorerCursor;
  batch: number;
  header: boolean;
}

/** One pull of the stream: the header first, then a batch of rows as CSV (UTF-8), and where the next batch starts. */
async function csvPage(db: Reader, { filter, cursor, batch, header }: CsvPage): Promise<{ bytes: Uint8Array; next?: ExplorerCursor }> {
  let text = header ? csvLine(COLUMNS.map(([name]) => name)) : '';
  const { rows, next } = await readExplorerRows(db, filter, cursor, batch);
  for (const row of rows) text += csvLine(COLUMNS.map(([, read]) => read(row)));
  return { bytes: new TextEncoder().encode(text), next };
}

/** csvPage in a reader thread, its input as JSON. */
export const explorerCsvPage = (db: Reader, wire: string) => csvPage(db, JSON.parse(wire) as CsvPage);

// Formatting rows as CSV costs ~4.6 µs a row (0.93 s of event loop for a 200,000-row export, measured
// with bench:ingest's data), so each page is read and formatted in a reader thread (Db.longReads).
const CSV_PAGE: ThreadTask<CsvPage, { bytes: Uint8Array; next?: ExplorerCursor }, Reader> = {
  module: path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'lib/dashboard/explorer-csv.ts'),
  name: 'explorerCsvPage',
  encode: JSON.stringify,
  run: csvPage,
};

/** The explorer's filtered rows (all pages, newest first) as a CSV stream, produced as the client reads it. */
export function explorerCsvStream(db: Db, query: Omit<ExplorerQuery, 'cursor'>, batch = CSV_BATCH): ReadableStream<Uint8Array> {
  const filter = explorerFilter(query);
  let cursor: ExplorerCursor | undefined;
  let header = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { bytes, next } = await db.longReads.runTask(CSV_PAGE, { filter, cursor, batch, header });
      header = false;
      if (bytes.byteLength) controller.enqueue(bytes);
      if (next) cursor = next;
      else controller.close();
    },
  });
}
