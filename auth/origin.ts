/**
 * Whether next-auth serves this request over https, decided as next-auth v4 does: from NEXTAUTH_URL
 * when set, otherwise (trusted host) from the proxy's X-Forwarded-Proto, where anything but "http"
 * counts as https. The session cookie's name depends on it (`__Secure-` prefix), so the proxy must
 * look for the cookie under the same name that sign-in set.
 */
export function servedOverHttps(headers: Headers): boolean {
  const configured = process.env.NEXTAUTH_URL;
  if (configured) return configured.startsWith('https://');
  return (headers.get('x-forwarded-proto') ?? 'http').split(',')[0]!.trim() !== 'http';
}
