import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '@/db/connection';
import { verifyCredentials } from '@/lib/users/verify-credentials';
import { SIGN_IN_PATH } from './paths';

export const authOptions: NextAuthOptions = {
  // Stateless JWT sessions in an httpOnly cookie; the role is re-read from the database per request.
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: SIGN_IN_PATH, error: SIGN_IN_PATH },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials) {
        const user = await verifyCredentials(getDb(), credentials ?? {});
        return user && { id: String(user.id), email: user.email };
      },
    }),
  ],
  callbacks: {
    // The sign-in time travels in the token, so that a later password change ends older sessions.
    jwt({ token, user }) {
      if (user) token.signedInAt = Date.now();
      return token;
    },
    session({ session, token }) {
      return { ...session, signedInAt: token.signedInAt };
    },
  },
  logger: {
    // next-auth logs a failed credentials sign-in as an error with the submitted body; keep passwords out of logs.
    error: (code) => console.error(`[auth] ${code}`),
    warn: (code) => console.warn(`[auth] ${code}`),
    debug: () => {},
  },
};
