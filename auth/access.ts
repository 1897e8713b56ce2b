import type { Reader } from '@/db/client';
import { UserError } from '@/lib/errors';
import type { Access } from '@/lib/http/route';
import { API_KEY_HEADER, requireAdminKey } from '@/lib/keys/authenticate';
import { servedOverHttps } from './origin';
import { requireRole, type Role, type SessionUser } from './session';

/** next-auth's session cookie (plain, or `__Secure-` prefixed under HTTPS). */
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?next-auth\.session-token(?:\.\d+)?=/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin browsers reach this server at: NEXTAUTH_URL's when set, else the request's Host under the proxy's scheme. */
export function ownOrigin(headers: Headers): string | null {
  if (process.env.NEXTAUTH_URL) return new URL(process.env.NEXTAUTH_URL).origin;
  const host = headers.get('x-forwarded-host')?.split(',')[0]!.trim() || headers.get('host');
  return host ? `${servedOverHttps(headers) ? 'https' : 'http'}://${host}` : null;
}

function originOf(url: string | null): string | null {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
}

/**
 * A browser sends the session cookie with any request to this host, whichever page made it (another
 * port of the same host counts as the same site), so a change authenticated by the cookie alone must
 * come from the dashboard's own pages: Origin (or, failing that, Referer) must be this server's origin.
 */
function requireSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  const from = request.headers.get('origin') ?? originOf(request.headers.get('referer'));
  if (!from || from !== ownOrigin(request.headers)) {
    throw new UserError('cross-origin change refused: a change signed in by cookie must come from the dashboard itself (Origin header)', 403);
  }
}

/**
 * The admin API's door: an API key with the admin flag (X-API-Key), or a signed-in admin whose request
 * comes from the dashboard's origin. The actor is what the audit log records. An ingest key or a viewer
 * gets 403; nobody at all, 401.
 */
async function admitAdmin(request: Request, db: Reader): Promise<string> {
  const header = request.headers.get(API_KEY_HEADER);
  if (header) {
    const key = await requireAdminKey(db, header);
    return `api-key:${key.keyPrefix ?? key.id} (${key.serviceName})`;
  }
  // Without a session cookie there is no session to look up.
  if (!SESSION_COOKIE.test(request.headers.get('cookie') ?? '')) {
    throw new UserError(`admin API: send an admin API key in the ${API_KEY_HEADER} header, or sign in as an admin`, 401);
  }
  const admin = await requireRole('admin');
  requireSameOrigin(request);
  return admin.email;
}

export const adminKeyOrSession: Access<string> = {
  serve: async (incoming, handler) => handler(await admitAdmin(incoming.request, incoming.db)),
};

/** A signed-in dashboard user with at least `role` (CSV exports and other browser-only endpoints). */
export function signedIn(role: Role): Access<SessionUser> {
  return {
    serve: async ({ request }, handler) => {
      const user = await requireRole(role);
      requireSameOrigin(request);
      return handler(user);
    },
  };
}
