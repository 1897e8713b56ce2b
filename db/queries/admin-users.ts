import type { Reader, Tx } from '../client';

export type Role = 'admin' | 'viewer';

export interface AdminUser {
  id: number;
  email: string;
  role: Role;
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | null;
  /** Sessions carry the epoch they began in; a session of an older epoch is over. */
  sessionEpoch: number;
}

export interface AdminUserWithHash extends AdminUser {
  passwordHash: string;
}

const COLUMNS = `id, email, role, created_at AS "createdAt", updated_at AS "updatedAt", last_login_at AS "lastLoginAt", session_epoch AS "sessionEpoch"`;

/** The new user, or undefined when the email is taken (a concurrent insert included: no unique-violation error). */
export function insertAdminUser(tx: Tx, user: { email: string; passwordHash: string; role: Role }): Promise<AdminUser | undefined> {
  const now = new Date().toISOString();
  return tx.get<AdminUser>(
    `INSERT INTO admin_users (email, password_hash, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING RETURNING ${COLUMNS}`,
    [user.email, user.passwordHash, user.role, now, now],
  );
}

export function findAdminUserByEmail(db: Reader, email: string): Promise<AdminUserWithHash | undefined> {
  return db.get<AdminUserWithHash>(`SELECT ${COLUMNS}, password_hash AS "passwordHash" FROM admin_users WHERE email = ?`, [email]);
}

/** Sets the password and ends the user's sessions; returns false when no such user exists. */
export async function updateAdminPassword(tx: Tx, email: string, passwordHash: string): Promise<boolean> {
  const changed = await tx.run(`UPDATE admin_users SET password_hash = ?, updated_at = ?, session_epoch = session_epoch + 1 WHERE email = ?`, [
    passwordHash,
    new Date().toISOString(),
    email,
  ]);
  return changed > 0;
}

/** Sets the role and ends the user's sessions; returns false when no such user exists. */
export async function updateAdminRole(tx: Tx, email: string, role: Role): Promise<boolean> {
  const changed = await tx.run(`UPDATE admin_users SET role = ?, updated_at = ?, session_epoch = session_epoch + 1 WHERE email = ?`, [
    role,
    new Date().toISOString(),
    email,
  ]);
  return changed > 0;
}

/** Ends every session of the user (sign-out): sessions of older epochs no longer count. */
export async function bumpSessionEpoch(tx: Tx, email: string): Promise<void> {
  await tx.run(`UPDATE admin_users SET session_epoch = session_epoch + 1 WHERE email = ?`, [email]);
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
