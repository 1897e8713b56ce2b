import { writeTransaction, type Db } from '../../db/client';
import { listUnfinishedRunRows, markRunInterrupted } from '../../db/queries/retention';
import { ownerGone } from '../server/process';

export const INTERRUPTED = 'interrupted: the process running this cleanup ended before it finished';

/** Marks as failed the runs still 'running' whose process is gone; returns how many. */
export async function settleInterruptedRuns(db: Db): Promise<number> {
  const orphans = (await listUnfinishedRunRows(db)).filter((run) => ownerGone(run.owner));
  const finishedAt = new Date().toISOString();
  await writeTransaction(db, async (tx) => {
    for (const run of orphans) await markRunInterrupted(tx, run.id, finishedAt, INTERRUPTED);
  });
  return orphans.length;
}
