import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '@/db/connection';
import { clientAddress } from '@/lib/http/client-address';
import { returnPath } from '@/lib/http/return-path';
import { endSessions } from '@/lib/users/end-sessions';
import { SignInPaused } from '@/lib/users/sign-in-throttle';
import { verifyCredentials } from '@/lib/users/verify-credentials';
import { SIGN_IN_PATH } from './paths';

export const authOptions: NextAuthOptions = {
  // Stateless JWT sessions in an httpOnly cookie; the role and session epoch are re-read from the database per request.
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: SIGN_IN_PATH, error: SIGN_IN_PATH },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, request) {
        try {
          const user = await verifyCredentials(getDb(), credentials ?? {}, clientAddress(request?.headers));
          return user && { id: String(user.id), email: user.email, sessionEpoch: user.sessionEpoch };
        } catch (error) {
          // next-auth passes only an error's message to the form: a code it maps to words.
          if (error instanceof SignInPaused) throw new Error(error.code);
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    // Where next-auth sends the browser after signing in or out: a path of this site, never another host.
    redirect({ url, baseUrl }) {
      return `${baseUrl}${returnPath(url, baseUrl)}`;
    },
    // The session epoch travels in the token: sign-out, a password or a role change bump the user's, ending older sessions.
    jwt({ token, user }) {
      if (user) token.sessionEpoch = (user as { sessionEpoch?: number }).sessionEpoch;
      return token;
    },
    session({ session, token }) {
      return { ...session, sessionEpoch: token.sessionEpoch };
    },
  },
  events: {
    // A copy of the cookie kept from before sign-out must not work either: end the session server-side.
    async signOut({ token }) {
      if (typeof token?.email === 'string') await endSessions(getDb(), token.email);
    },
  },
  logger: {
    // next-auth logs a failed credentials sign-in as an error with the submitted body; keep passwords out of logs.
    error: (code) => console.error(`[auth] ${code}`),
    warn: (code) => console.warn(`[auth] ${code}`),
    debug: () => {},
  },
};
