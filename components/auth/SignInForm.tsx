'use client';

import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { fieldErrorClass, inputClass, primaryButtonClass } from '@/components/forms/styles';
import { useHydrated } from '@/components/forms/use-hydrated';
import { signInErrorMessage } from './sign-in-error';

/** Only same-site paths: a crafted link must not send the user elsewhere after signing in. */
function safeReturnPath(callbackUrl: string | undefined): string {
  if (!callbackUrl) return '/';
  try {
    const url = new URL(callbackUrl, window.location.origin);
    return url.origin === window.location.origin ? `${url.pathname}${url.search}${url.hash}` : '/';
  } catch {
    return '/';
  }
}

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
      window.location.assign(safeReturnPath(callbackUrl));
      return;
    }
    setPending(false);
    setError(signInErrorMessage(result?.error ?? ''));
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
