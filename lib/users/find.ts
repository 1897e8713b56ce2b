import type { Reader } from '../../db/client';
import { findAdminUserByEmail, type Role } from '../../db/queries/admin-users';

export interface CurrentUser {
  email: string;
  role: Role;
  /** When the account last changed (password or role), in epoch ms: older sessions no longer count. */
  changedAt: number;
}

// Rows written by SQLite's datetime('now') lack the ISO "T" and "Z"; both forms are UTC.
const epochMs = (stored: string) => Date.parse(stored.includes('T') ? stored : `${stored.replace(' ', 'T')}Z`);

/** The user's current email and role (read on every request, so a role change applies at once). */
export async function findUser(db: Reader, email: string): Promise<CurrentUser | null> {
  const user = await findAdminUserByEmail(db, email);
  return user ? { email: user.email, role: user.role, changedAt: epochMs(user.updatedAt) } : null;
}
