import { writeTransaction, type Db } from '../../db/client';
import { deleteThrottleRows, lockThrottleRows, pruneThrottleRows, saveThrottleRow, type ThrottleRow } from '../../db/queries/sign-in-throttle';
import { UserError } from '../errors';

/**
 * How sign-in guessing is slowed. Failures count per client address and account together (`pair`),
 * per address across accounts, and per account across addresses, in windows of `windowMs`:
 * - a pair or an address past its free failures is paused, each further pause twice as long: the
 *   guesser is stopped, while the account's owner signing in from elsewhere is not;
 * - an account past its free failures is only slowed (a growing delay before the password is checked),
 *   never paused, so that nobody who knows an admin's email can keep the admin out.
 */
export const SIGN_IN_THROTTLE = {
  windowMs: 15 * 60_000,
  pair: { freeFailures: 5, firstPauseMs: 30_000, maxPauseMs: 15 * 60_000 },
  address: { freeFailures: 50, firstPauseMs: 60_000, maxPauseMs: 15 * 60_000 },
  account: { freeFailures: 10, delayStepMs: 250, maxDelayMs: 3_000 },
} as const;

/** A sign-in refused without checking the password; `code` is what the sign-in form is told. */
export class SignInPaused extends UserError {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed sign-ins; try again in ${retryAfterSeconds} s.`, 429);
  }

  /** next-auth hands the form only an error code: this one carries the wait. */
  get code(): string {
    return `SignInPaused:${this.retryAfterSeconds}`;
  }
}

export interface SignInCaller {
  /** The client's address (lib/http/client-address.ts), or 'unknown'. */
  address: string;
  email: string;
}

const scopesOf = ({ address, email }: SignInCaller) => ({ pair: `pair:${address} ${email}`, address: `address:${address}`, account: `account:${email}` });

function counted(row: ThrottleRow, now: number): ThrottleRow {
  const expired = Date.parse(row.windowStartedAt) < now - SIGN_IN_THROTTLE.windowMs && !(row.blockedUntil && Date.parse(row.blockedUntil) > now);
  return expired ? { ...row, failures: 1, windowStartedAt: new Date(now).toISOString(), blockedUntil: null } : { ...row, failures: row.failures + 1 };
}

function paused(row: ThrottleRow, rule: { freeFailures: number; firstPauseMs: number; maxPauseMs: number }, now: number): ThrottleRow {
  if (row.failures < rule.freeFailures) return row;
  const pauseMs = Math.min(rule.firstPauseMs * 2 ** (row.failures - rule.freeFailures), rule.maxPauseMs);
  return { ...row, blockedUntil: new Date(now + pauseMs).toISOString() };
}

/**
 * Reserves one sign-in attempt before the password is hashed: refuses it (SignInPaused) while its pair
 * or address is paused, otherwise counts it as a failure right away (a success clears that), so that
 * attempts sent in parallel are each counted before any is checked. Returns how long to wait before
 * checking the password (the per-account slow-down).
 */
export async function reserveSignInAttempt(db: Db, caller: SignInCaller, now: number = Date.now()): Promise<{ delayMs: number }> {
  const scopes = scopesOf(caller);
  return writeTransaction(db, async (tx) => {
    const rows = new Map((await lockThrottleRows(tx, Object.values(scopes), new Date(now).toISOString())).map((row) => [row.scope, row]));
    const row = (scope: string) => rows.get(scope)!;
    const blockedUntil = Math.max(...[scopes.pair, scopes.address].map((scope) => Date.parse(row(scope).blockedUntil ?? '') || 0));
    if (blockedUntil > now) throw new SignInPaused(Math.ceil((blockedUntil - now) / 1000));

    const account = counted(row(scopes.account), now);
    await saveThrottleRow(tx, paused(counted(row(scopes.pair), now), SIGN_IN_THROTTLE.pair, now));
    await saveThrottleRow(tx, paused(counted(row(scopes.address), now), SIGN_IN_THROTTLE.address, now));
    await saveThrottleRow(tx, account);
    await pruneThrottleRows(tx, new Date(now - SIGN_IN_THROTTLE.windowMs).toISOString());
    const { freeFailures, delayStepMs, maxDelayMs } = SIGN_IN_THROTTLE.account;
    return { delayMs: Math.min(Math.max(0, account.failures - 1 - freeFailures) * delayStepMs, maxDelayMs) };
  });
}

/** After the right password: the pair's and the account's failures are forgotten (the address keeps its count). */
export async function clearSignInFailures(db: Db, caller: SignInCaller): Promise<void> {
  const scopes = scopesOf(caller);
  await writeTransaction(db, (tx) => deleteThrottleRows(tx, [scopes.pair, scopes.account]));
}
