import type { Sqlite } from '../../db/connection';
import { findAdminUserByEmail, type Role } from '../../db/queries/admin_users';

/** The user's current email and role (read on every request, so a role change applies at once). */
export function findUser(db: Sqlite, email: string): { email: string; role: Role } | null {
  const user = findAdminUserByEmail(db, email);
  return user ? { email: user.email, role: user.role } : null;
}
