import { getServerSession } from 'next-auth/next';
import { redirect } from 'next/navigation';
import { getDatabase } from '@/db/connection';
import type { Role } from '@/db/queries/admin_users';
import { UserError } from '@/lib/errors';
import { findUser } from '@/lib/users/find';
import { authOptions } from './options';
import { SIGN_IN_PATH } from './paths';

export type { Role };
export interface SessionUser {
  email: string;
  role: Role;
}

const RANK: Record<Role, number> = { viewer: 0, admin: 1 };

/** The signed-in user with their current role, or null (no session, or the account is gone). */
export async function getSessionUser(): Promise<SessionUser | null> {
  const email = (await getServerSession(authOptions))?.user?.email;
  return email ? findUser(getDatabase(), email) : null;
}

export function canWrite(user: SessionUser): boolean {
  return RANK[user.role] >= RANK.admin;
}

/**
 * For server actions and route handlers: the user when their role is at least `role`, otherwise a
 * UserError with 401 (not signed in) or 403 (signed in, role too low) that `handle()` turns into JSON.
 */
export async function requireRole(role: Role): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new UserError('sign in first', 401);
  if (RANK[user.role] < RANK[role]) throw new UserError(`this needs the ${role} role; you are signed in as ${user.role}`, 403);
  return user;
}

/** For pages: the signed-in user, or a redirect to the sign-in page that comes back to `returnTo`. */
export async function requirePageUser(returnTo = '/'): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`${SIGN_IN_PATH}?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
