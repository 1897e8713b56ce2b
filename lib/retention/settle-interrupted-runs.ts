import { getDatabase, type Sqlite } from '../../db/connection';
import { listUnfinishedRunRows, markRunInterrupted } from '../../db/queries/retention';
import { ownerGone } from '../server/process';

export const INTERRUPTED = 'interrupted: the process running this cleanup ended before it finished';

/** Marks as failed the runs still 'running' whose process is gone; returns how many. */
export function settleInterruptedRuns(db: Sqlite = getDatabase()): number {
  const orphans = listUnfinishedRunRows(db).filter((run) => ownerGone(run.owner));
  const finishedAt = new Date().toISOString();
  db.transaction(() => orphans.forEach((run) => markRunInterrupted(db, run.id, finishedAt, INTERRUPTED))).immediate();
  return orphans.length;
}
