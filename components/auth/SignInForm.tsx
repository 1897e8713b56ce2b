'use client';

import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { fieldErrorClass, inputClass, primaryButtonClass } from '@/components/forms/styles';
import { useHydrated } from '@/components/forms/use-hydrated';
import { returnPath } from '@/lib/http/return-path';
import { signInErrorMessage } from './sign-in-error';

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn('credentials', { email: form.get('email'), password: form.get('password'), redirect: false });
    if (result?.ok && !result.error) {
      // Only a path of this site: a crafted link must not send the user elsewhere after signing in.
      window.location.assign(returnPath(callbackUrl, window.location.origin));
      return;
    }
    setPending(false);
    setError(signInErrorMessage(result?.error) ?? 'Sign-in failed; try again.');
  }

  return (
    <form onSubmit={submit} method="post" className="flex flex-col gap-4">
      <label className="flex flex-col gap-1 text-sm">
        Email
        <input name="email" type="text" inputMode="email" autoComplete="username" required className={inputClass} />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        Password
        <input name="password" type="password" autoComplete="current-password" required className={inputClass} />
      </label>
      {error && (
        <p data-testid="signin-error" className={fieldErrorClass}>
          {error}
        </p>
      )}
      <button type="submit" disabled={pending || !hydrated} className={primaryButtonClass}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
