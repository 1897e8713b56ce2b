import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { servedOverHttps } from './auth/origin';
import { REQUEST_PATH_HEADER, SIGN_IN_PATH } from './auth/paths';

/**
 * Signed-out visitors of a dashboard page go to the sign-in page, and come back after signing in.
 * (next-auth's own withAuth looks for the session cookie under a name fixed by NEXTAUTH_URL, which
 * breaks behind an HTTPS proxy when NEXTAUTH_URL is not set.)
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const token = await getToken({
    req: request,
    secret: process.env.NEXTAUTH_SECRET || process.env.AUTH_SECRET,
    secureCookie: servedOverHttps(request.headers),
  });
  const path = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  if (token) {
    // Lets server components send a user whose session no longer counts back to this very page.
    const headers = new Headers(request.headers);
    headers.set(REQUEST_PATH_HEADER, path);
    return NextResponse.next({ request: { headers } });
  }
  const signIn = request.nextUrl.clone();
  signIn.pathname = SIGN_IN_PATH;
  signIn.search = `?callbackUrl=${encodeURIComponent(path)}`;
  return NextResponse.redirect(signIn);
}

export const config = {
  // Everything except the machine APIs and CSV exports (they answer 401/403 as JSON themselves),
  // next-auth's own routes, the sign-in page and Next's static files.
  matcher: ['/((?!(?:api|metrics|health|flush|rate-limit|admin|export)(?:/|$)|_next/|favicon\\.ico$|signin$).*)'],
};
