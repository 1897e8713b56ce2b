import type { Sqlite } from '../connection';

export type Role = 'admin' | 'viewer';

export interface AdminUser {
  id: number;
  email: string;
  role: Role;
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | null;
}

export interface AdminUserWithHash extends AdminUser {
  passwordHash: string;
}

const COLUMNS = `id, email, role, created_at AS createdAt, updated_at AS updatedAt, last_login_at AS lastLoginAt`;

export function insertAdminUser(db: Sqlite, user: { email: string; passwordHash: string; role: Role }): AdminUser {
  const now = new Date().toISOString();
  return db
    .prepare(`INSERT INTO admin_users (email, password_hash, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING ${COLUMNS}`)
    .get(user.email, user.passwordHash, user.role, now, now) as AdminUser;
}

export function findAdminUserByEmail(db: Sqlite, email: string): AdminUserWithHash | undefined {
  return db.prepare(`SELECT ${COLUMNS}, password_hash AS passwordHash FROM admin_users WHERE email = ?`).get(email) as AdminUserWithHash | undefined;
}

/** Returns false when no such user exists. */
export function updateAdminPassword(db: Sqlite, email: string, passwordHash: string): boolean {
  return db.prepare(`UPDATE admin_users SET password_hash = ?, updated_at = ? WHERE email = ?`).run(passwordHash, new Date().toISOString(), email).changes > 0;
}

export function touchAdminLogin(db: Sqlite, id: number): void {
  db.prepare(`UPDATE admin_users SET last_login_at = ? WHERE id = ?`).run(new Date().toISOString(), id);
}

export function listAdminUsers(db: Sqlite): AdminUser[] {
  return db.prepare(`SELECT ${COLUMNS} FROM admin_users ORDER BY email`).all() as AdminUser[];
}

export function countAdminsWithRole(db: Sqlite, role: Role): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM admin_users WHERE role = ?`).get(role) as { n: number }).n;
}
