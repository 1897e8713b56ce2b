import { randomBytes } from 'node:crypto';

/** Checks run once when the Next server starts (also under a plain `next start`, without cli/serve.ts). */
export function checkAuthConfiguration(): void {
  if (process.env.NODE_ENV === 'production' && !process.env.NEXTAUTH_SECRET && !process.env.AUTH_SECRET) {
    console.error(
      '[auth] refusing to start: no session secret. Set AUTH_SECRET (or NEXTAUTH_SECRET) to a long random string, ' +
        'e.g. `export AUTH_SECRET=$(openssl rand -base64 32)`, or start with `npm start`, which keeps one in the data directory.',
    );
    process.exit(1);
  }
  if (!process.env.NEXTAUTH_SECRET && !process.env.AUTH_SECRET) {
    // Development only (`next dev`): a secret for this process; sessions end when it restarts.
    console.warn('[auth] no AUTH_SECRET set: using a temporary one; sessions end when the server restarts');
    process.env.NEXTAUTH_SECRET = randomBytes(32).toString('base64url');
  }
  // Without NEXTAUTH_URL, next-auth v4 builds its URLs from the request's Host header only when told to
  // trust it; otherwise it falls back to http://localhost:3000 and sign-in breaks on any other host/port.
  if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= 'true';
}
