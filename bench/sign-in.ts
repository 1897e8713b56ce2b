/** next-auth's CSRF token and the cookie that carries its pair, as the sign-in page gets them. */
async function csrf(base: string, cookie = ''): Promise<{ csrfToken: string; cookie: string }> {
  const response = await fetch(`${base}/api/auth/csrf`, { headers: cookie ? { cookie } : {} });
  const set = response.headers.getSetCookie().map((c) => c.split(';')[0]);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { csrfToken, cookie: [cookie, ...set].filter(Boolean).join('; ') };
}

/**
 * Signs in through next-auth's credentials callback as the sign-in form does; returns where next-auth
 * sends the browser (an `error=` code when refused) and the session cookie (empty when refused).
 */
export async function signIn(
  base: string,
  credentials: { email: string; password: string; callbackUrl?: string },
): Promise<{ status: number; url: string; cookie: string }> {
  const { csrfToken, cookie } = await csrf(base);
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      csrfToken,
      email: credentials.email,
      password: credentials.password,
      callbackUrl: credentials.callbackUrl ?? base,
      json: 'true',
    }),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith('next-auth.session-token='));
  return { status: response.status, url: ((await response.json()) as { url: string }).url, cookie: session?.split(';')[0] ?? '' };
}

/** Signs out as the dashboard's button does (next-auth's signout endpoint, with the session cookie). */
export async function signOut(base: string, sessionCookie: string): Promise<number> {
  const { csrfToken, cookie } = await csrf(base, sessionCookie);
  const response = await fetch(`${base}/api/auth/signout`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, callbackUrl: base, json: 'true' }),
  });
  return response.status;
}
