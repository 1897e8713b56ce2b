import { UserError } from '../errors';

export const FAILURES_BEFORE_PAUSE = 5;
export const PAUSE_MS = 60_000;

interface Failures {
  count: number;
  lastAt: number;
}

// Per process, per email: enough to make guessing slow without a table; a restart forgets it.
const failures = new Map<string, Failures>();

/** Throws a 429 UserError while `email` is paused after repeated failed sign-ins. */
export function assertSignInAllowed(email: string, now: number = Date.now()): void {
  const entry = failures.get(email);
  if (!entry || entry.count < FAILURES_BEFORE_PAUSE) return;
  const waitMs = entry.lastAt + PAUSE_MS - now;
  if (waitMs > 0) throw new UserError(`Too many failed sign-ins for this email; try again in ${Math.ceil(waitMs / 1000)} s.`, 429);
}

export function recordSignIn(email: string, succeeded: boolean, now: number = Date.now()): void {
  if (succeeded) {
    failures.delete(email);
    return;
  }
  for (const [key, entry] of failures) if (now - entry.lastAt > PAUSE_MS) failures.delete(key);
  const entry = failures.get(email);
  failures.set(email, { count: (entry?.count ?? 0) + 1, lastAt: now });
}
