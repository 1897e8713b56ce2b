import { writeTransaction, type Db } from '../../db/client';
import { findAdminUserByEmail, touchAdminLogin, type Role } from '../../db/queries/admin-users';
import { decoyHash, passwordMatches } from './password';
import { assertSignInAllowed, recordSignIn } from './sign-in-throttle';
import { credentialsSchema } from './validation';

export interface SignedInUser {
  id: number;
  email: string;
  role: Role;
}

/**
 * The user whose email and password these are, or null; records the sign-in time on success. After
 * repeated failures for an email, throws a 429 UserError for a minute instead of checking.
 */
export async function verifyCredentials(db: Db, input: { email?: unknown; password?: unknown }): Promise<SignedInUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  assertSignInAllowed(parsed.data.email);
  const user = await findAdminUserByEmail(db, parsed.data.email);
  const matches = await passwordMatches(parsed.data.password, user?.passwordHash ?? (await decoyHash()));
  recordSignIn(parsed.data.email, Boolean(user && matches));
  if (!user || !matches) return null;
  await writeTransaction(db, (tx) => touchAdminLogin(tx, user.id));
  return { id: user.id, email: user.email, role: user.role };
}
