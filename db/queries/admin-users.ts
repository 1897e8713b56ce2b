import type { Reader, Tx } from '../client';

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

const COLUMNS = `id, email, role, created_at AS "createdAt", updated_at AS "updatedAt", last_login_at AS "lastLoginAt"`;

export async function insertAdminUser(tx: Tx, user: { email: string; passwordHash: string; role: Role }): Promise<AdminUser> {
  const now = new Date().toISOString();
  const row = await tx.get<AdminUser>(
    `INSERT INTO admin_users (email, password_hash, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING ${COLUMNS}`,
    [user.email, user.passwordHash, user.role, now, now],
  );
  return row!;
}

export function findAdminUserByEmail(db: Reader, email: string): Promise<AdminUserWithHash | undefined> {
  return db.get<AdminUserWithHash>(`SELECT ${COLUMNS}, password_hash AS "passwordHash" FROM admin_users WHERE email = ?`, [email]);
}

/** Returns false when no such user exists. */
export async function updateAdminPassword(tx: Tx, email: string, passwordHash: string): Promise<boolean> {
  return (await tx.run(`UPDATE admin_users SET password_hash = ?, updated_at = ? WHERE email = ?`, [passwordHash, new Date().toISOString(), email])) > 0;
}

export async function touchAdminLogin(tx: Tx, id: number): Promise<void> {
  await tx.run(`UPDATE admin_users SET last_login_at = ? WHERE id = ?`, [new Date().toISOString(), id]);
}

export function listAdminUsers(db: Reader): Promise<AdminUser[]> {
  return db.all<AdminUser>(`SELECT ${COLUMNS} FROM admin_users ORDER BY email`);
}

export async function countAdminsWithRole(db: Reader, role: Role): Promise<number> {
  return (await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM admin_users WHERE role = ?`, [role]))!.n;
}
