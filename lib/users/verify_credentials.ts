import type { Sqlite } from '../../db/connection';
import { findAdminUserByEmail, touchAdminLogin, type Role } from '../../db/queries/admin_users';
import { decoyHash, passwordMatches } from './password';
import { credentialsSchema } from './validation';

export interface SignedInUser {
  id: number;
  email: string;
  role: Role;
}

/** The user whose email and password these are, or null; records the sign-in time on success. */
export async function verifyCredentials(db: Sqlite, input: { email?: unknown; password?: unknown }): Promise<SignedInUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const user = findAdminUserByEmail(db, parsed.data.email);
  const matches = await passwordMatches(parsed.data.password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !matches) return null;
  touchAdminLogin(db, user.id);
  return { id: user.id, email: user.email, role: user.role };
}
