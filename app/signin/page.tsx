import { redirect } from 'next/navigation';
import { getSessionUser } from '@/auth/session';
import { SignInForm } from '@/components/auth/SignInForm';
import { signInErrorMessage } from '@/components/auth/sign-in-error';

export const dynamic = 'force-dynamic';

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  if (await getSessionUser()) redirect('/');
  const message = signInErrorMessage(error);
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-6 p-6">
      <div>
        <h1 className="text-2xl font-semibold">mcp-metrics</h1>
        <p className="mt-1 text-sm text-zinc-500">Sign in to the dashboard.</p>
      </div>
      {message && (
        <p data-testid="signin-error" className="text-sm text-red-600 dark:text-red-400">
          {message}
        </p>
      )}
      <SignInForm callbackUrl={callbackUrl} />
      <p className="text-xs text-zinc-500">
        First start? The first admin comes from ADMIN_EMAIL / ADMIN_PASSWORD, or admin@localhost with the password printed once in the server log. Reset one
        with <code>npm run admin -- set-password EMAIL</code>.
      </p>
    </main>
  );
}
