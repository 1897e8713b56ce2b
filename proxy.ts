import { withAuth } from 'next-auth/middleware';
import { SIGN_IN_PATH } from './auth/paths';

// Signed-out visitors of a dashboard page go to the sign-in page (and come back after signing in).
export default withAuth({ pages: { signIn: SIGN_IN_PATH } });

export const config = {
  // Everything except the machine APIs (they answer 401/403 as JSON themselves), next-auth's own
  // routes, the sign-in page and Next's static files.
  matcher: ['/((?!(?:api|metrics|health|flush|rate-limit|admin)(?:/|$)|_next/|favicon\\.ico$|signin$).*)'],
};
