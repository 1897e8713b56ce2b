import { writeTransaction, type Db } from '../../db/client';
import { listUnfinishedRunRows, markRunInterrupted } from '../../db/queries/retention';
import { ownerGone } from '../server/process';

export const INTERRUPTED = 'interrupted: the process running this cleanup ended before it finished';

/**
 * Marks as failed the runs still 'running' whose process is gone; returns how many. An instance that
 * holds the retention lease (`leaseHolder`) knows every other owner's run was abandoned: only the lease
 * holder runs cleanups, wherever the others' hosts are.
 */
export async function settleInterruptedRuns(db: Db, options: { leaseHolder?: string } = {}): Promise<number> {
  const abandoned = (owner: string | null) => (options.leaseHolder !== undefined ? owner !== options.leaseHolder : ownerGone(owner));
  const orphans = (await listUnfinishedRunRows(db)).filter((run) => abandoned(run.owner));
  const finishedAt = new Date().toISOString();
  await writeTransaction(db, async (tx) => {
    for (const run of orphans) await markRunInterrupted(tx, run.id, finishedAt, INTERRUPTED);
  });
  return orphans.length;
}
