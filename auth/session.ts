import type { Session } from 'next-auth';
import { getServerSession } from 'next-auth/next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/connection';
import type { Role } from '@/db/queries/admin-users';
import { UserError } from '@/lib/errors';
import { findUser } from '@/lib/users/find';
import { authOptions } from './options';
import { REQUEST_PATH_HEADER, SIGN_IN_PATH } from './paths';

export type { Role };
export interface SessionUser {
  email: string;
  role: Role;
}

const RANK: Record<Role, number> = { viewer: 0, admin: 1 };

/**
 * The signed-in user with their current role, or null: no session, the account is gone, or the
 * session's epoch is over (signed out, or the password or role changed after it began).
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = (await getServerSession(authOptions)) as (Session & { sessionEpoch?: unknown }) | null;
  const email = session?.user?.email;
  const user = email ? await findUser(getDb(), email) : null;
  if (!user || session?.sessionEpoch !== user.sessionEpoch) return null;
  return { email: user.email, role: user.role };
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

/**
 * For pages and layouts: the signed-in user, or a redirect to the sign-in page that comes back to
 * `returnTo` (by default the page asked for, as the proxy recorded it).
 */
export async function requirePageUser(returnTo?: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) {
    const back = returnTo ?? (await headers()).get(REQUEST_PATH_HEADER) ?? '/';
    redirect(`${SIGN_IN_PATH}?callbackUrl=${encodeURIComponent(back)}`);
  }
  return user;
}
