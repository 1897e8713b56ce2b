'use client';

import { signOut } from 'next-auth/react';
import { secondaryButtonClass } from '@/components/forms/styles';
import { useHydrated } from '@/components/forms/use-hydrated';

/** `signInPath`: where the browser goes once signed out. */
export function SignOutButton({ signInPath }: { signInPath: string }) {
  // Disabled until hydrated: a click before that would do nothing and leave the user signed in.
  const hydrated = useHydrated();
  return (
    <button type="button" disabled={!hydrated} onClick={() => signOut({ callbackUrl: signInPath })} className={secondaryButtonClass}>
      Sign out
    </button>
  );
}
