import type { Reader } from '../../db/client';
import { findAdminUserByEmail, type Role } from '../../db/queries/admin-users';

export interface CurrentUser {
  email: string;
  role: Role;
  /** Sessions that began in another epoch are over (signed out, or the password or role changed since). */
  sessionEpoch: number;
}

/** The user's current email, role and session epoch (read on every request, so a change applies at once). */
export async function findUser(db: Reader, email: string): Promise<CurrentUser | null> {
  const user = await findAdminUserByEmail(db, email);
  return user ? { email: user.email, role: user.role, sessionEpoch: user.sessionEpoch } : null;
}
