import path from 'node:path';
import type { Db, Reader, ThreadTask } from '../../db/client';
import { loadOverview, type Overview, type OverviewQuery } from './load-overview';

interface OverviewInput {
  query: OverviewQuery;
  now: Date;
}

/** The task's input back from its JSON: the window's instants as Dates again. */
function decode(wire: string): OverviewInput {
  const { query, now } = JSON.parse(wire) as { query: OverviewQuery; now: string };
  return { query: { ...query, range: { ...query.range, from: new Date(query.range.from), to: new Date(query.range.to) } }, now: new Date(now) };
}

/** loadOverview in a reader thread, its input as JSON. */
export const overviewTask = (db: Reader, wire: string): Promise<Overview> => {
  const { query, now } = decode(wire);
  return loadOverview(db, query, now);
};

// Adding up a view's rollup rows and reading its quantiles is work for the CPU, 20-40 ms of it for a 24 h
// or 90 d view at 10 M metrics (bench:dashboard): on SQLite it runs in the reader thread that reads the
// rows, so the event loop that answers ingestion only receives the result.
const OVERVIEW_TASK: ThreadTask<OverviewInput, Overview, Reader> = {
  module: path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'lib/dashboard/overview-task.ts'),
  name: 'overviewTask',
  encode: JSON.stringify,
  run: (db, { query, now }) => loadOverview(db, query, now),
};

/** The overview, loaded off this process's event loop where the engine can (Db.longReads). */
export const loadOverviewOffLoop = (db: Db, query: OverviewQuery, now = new Date()): Promise<Overview> => db.longReads.runTask(OVERVIEW_TASK, { query, now });
