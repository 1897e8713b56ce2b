import { writeTransaction, type Db } from '../client';

/**
 * Takes or renews the lease of `task` for `holder` until `expiresAt`: granted when nobody holds it, the
 * holder's lease ran out (its instance died or hung), or `holder` holds it already. One statement, so
 * two instances asking at once cannot both win. Times are ISO-8601 UTC.
 */
export async function claimLease(db: Db, lease: { task: string; holder: string; now: string; expiresAt: string }): Promise<boolean> {
  const changed = await writeTransaction(db, (tx) =>
    tx.run(
      `INSERT INTO scheduler_leases (task, holder, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (task) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE scheduler_leases.holder = excluded.holder OR scheduler_leases.expires_at < ?`,
      [lease.task, lease.holder, lease.expiresAt, lease.now],
    ),
  );
  return changed === 1;
}

/** Gives the lease up at once (a clean stop), so another instance need not wait for it to run out. */
export async function releaseLease(db: Db, task: string, holder: string): Promise<void> {
  await writeTransaction(db, (tx) => tx.run(`DELETE FROM scheduler_leases WHERE task = ? AND holder = ?`, [task, holder]));
}
