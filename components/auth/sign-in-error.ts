const FAILED = 'Sign-in failed; try again.';

/** next-auth's error codes (the sign-in page is also its error page) and the words shown for them. */
const MESSAGES: Record<string, string> = {
  CredentialsSignin: 'Wrong email or password.',
  SessionRequired: 'Sign in to see that page.',
  Configuration: 'The server cannot sign anyone in; its log says why.',
  AccessDenied: FAILED,
  Verification: FAILED,
  Signin: FAILED,
  Callback: FAILED,
  Default: FAILED,
};

/** The code auth/options.ts turns a SignInPaused into (lib/users/sign-in-throttle.ts): the wait in seconds. */
const PAUSED = /^SignInPaused:(\d{1,6})$/;

/**
 * What to tell the user about a sign-in error code (`?error=` or next-auth's answer to the form):
 * words of ours for a code we know, and null for anything else, so that a crafted link cannot put
 * its own text on the sign-in page.
 */
export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  const paused = PAUSED.exec(code);
  if (paused) return `Too many failed sign-ins; try again in ${Number(paused[1])} s.`;
  return Object.hasOwn(MESSAGES, code) ? MESSAGES[code]! : null;
}
