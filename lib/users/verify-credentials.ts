import { setTimeout as sleep } from 'node:timers/promises';
import { writeTransaction, type Db } from '../../db/client';
import { findAdminUserByEmail, touchAdminLogin, type Role } from '../../db/queries/admin-users';
import { decoyHash, passwordMatches } from './password';
import { clearSignInFailures, reserveSignInAttempt } from './sign-in-throttle';
import { credentialsSchema } from './validation';

export interface SignedInUser {
  id: number;
  email: string;
  role: Role;
  /** The session epoch the new session belongs to. */
  sessionEpoch: number;
}

/**
 * The user whose email and password these are, or null; records the sign-in time on success. The
 * attempt is reserved with the throttle first (lib/users/sign-in-throttle.ts), which may refuse it
 * with a SignInPaused error or slow it down.
 */
export async function verifyCredentials(db: Db, input: { email?: unknown; password?: unknown }, address: string): Promise<SignedInUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const caller = { address, email: parsed.data.email };
  const { delayMs } = await reserveSignInAttempt(db, caller);
  if (delayMs) await sleep(delayMs);
  const user = await findAdminUserByEmail(db, parsed.data.email);
  const matches = await passwordMatches(parsed.data.password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !matches) return null;
  await clearSignInFailures(db, caller);
  await writeTransaction(db, (tx) => touchAdminLogin(tx, user.id));
  return { id: user.id, email: user.email, role: user.role, sessionEpoch: user.sessionEpoch };
}
