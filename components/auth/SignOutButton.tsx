'use client';

import { signOut } from 'next-auth/react';
import { SIGN_IN_PATH } from '@/auth/paths';
import { secondaryButtonClass } from '@/components/forms/styles';
import { useHydrated } from '@/components/forms/use-hydrated';

export function SignOutButton() {
  // Disabled until hydrated: a click before that would do nothing and leave the user signed in.
  const hydrated = useHydrated();
  return (
    <button type="button" disabled={!hydrated} onClick={() => signOut({ callbackUrl: SIGN_IN_PATH })} className={secondaryButtonClass}>
      Sign out
    </button>
  );
}
