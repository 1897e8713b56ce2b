import { requireRole } from '@/auth/session';
import { getDatabase } from '@/db/connection';
import { UserError } from '@/lib/errors';
import { API_KEY_HEADER, requireAdminKey } from '@/lib/keys/authenticate';

/** next-auth's session cookie (plain, or `__Secure-` prefixed under HTTPS). */
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?next-auth\.session-token(?:\.\d+)?=/;

/**
 * The admin API's door: an API key with the admin flag (X-API-Key), or a signed-in admin. Returns the
 * actor recorded in the audit log. An ordinary ingest key or a viewer gets 403; nobody at all, 401.
 */
export async function requireAdmin(request: Request): Promise<string> {
  const header = request.headers.get(API_KEY_HEADER);
  if (header) {
    const key = requireAdminKey(getDatabase(), header);
    return `api-key:${key.keyPrefix ?? key.id} (${key.serviceName})`;
  }
  // Without a session cookie there is no session to look up.
  if (!SESSION_COOKIE.test(request.headers.get('cookie') ?? '')) {
    throw new UserError(`admin API: send an admin API key in the ${API_KEY_HEADER} header, or sign in as an admin`, 401);
  }
  return (await requireRole('admin')).email;
}

/** A query parameter, or undefined when absent or empty. */
export function queryParam(request: Request, name: string): string | undefined {
  return new URL(request.url).searchParams.get(name) || undefined;
}
