'use client';

import { signOut } from 'next-auth/react';
import { SIGN_IN_PATH } from '@/auth/paths';
import { secondaryButtonClass } from '@/components/forms/styles';

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: SIGN_IN_PATH })}
      className={secondaryButtonClass}
    >
      Sign out
    </button>
  );
}
