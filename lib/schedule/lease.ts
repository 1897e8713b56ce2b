import type { Db } from '../../db/client';
import { claimLease, releaseLease } from '../../db/queries/scheduler-leases';

/**
 * How long a lease lasts without renewal: an instance that dies mid-task (kill -9, a lost host) hands
 * its task to another within this time. The holder renews it every third of it while working.
 */
export const LEASE_MS = 60_000;

/**
 * Runs `work` only while holding the lease of `task` in the shared database, so of several instances
 * on one database one at a time does it; answers undefined, without running it, when another holds it.
 */
export async function whileLeaseHeld<T>(db: Db, task: string, holder: string, work: () => Promise<T>, leaseMs = LEASE_MS): Promise<T | undefined> {
  const claim = () => {
    const now = Date.now();
    return claimLease(db, { task, holder, now: new Date(now).toISOString(), expiresAt: new Date(now + leaseMs).toISOString() });
  };
  if (!(await claim())) return undefined;
  const renewal = setInterval(() => void claim().catch(() => undefined), leaseMs / 3);
  renewal.unref();
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    await releaseLease(db, task, holder).catch(() => undefined);
  }
}
