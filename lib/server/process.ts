import os from 'node:os';

/** Whether a process of this machine still exists (EPERM: it does, but belongs to someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `host:pid` of this process, stored beside work that a crash could leave half-done. */
export function currentOwner(): string {
  return `${os.hostname()}:${process.pid}`;
}

/**
 * True when the owner's process is known to be gone: it ran on this machine and no longer exists,
 * or no owner was recorded. An owner on another machine cannot be checked and counts as alive.
 */
export function ownerGone(owner: string | null): boolean {
  if (!owner) return true;
  const at = owner.lastIndexOf(':');
  return owner.slice(0, at) === os.hostname() && !processAlive(Number(owner.slice(at + 1)));
}
