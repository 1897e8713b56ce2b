'use client';

import { useRouter } from 'next/navigation';
import { startTransition } from 'react';
import { secondaryButtonClass } from '@/components/forms/styles';

/**
 * A page that failed to load (the database unreachable, a bug): said in place of its content, with a
 * retry, while the navigation stays usable. The server log has the error; `digest` ties the two together.
 */
export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  // The page is rendered on the server: ask it again (refresh), then drop the error boundary's state (reset).
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <div
      role="alert"
      data-testid="page-error"
      className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
    >
      <p className="font-medium">This page could not be loaded.</p>
      <p className="mt-1">The server log says why{error.digest ? ` (look for ${error.digest})` : ''}. Try again, or pick another page.</p>
      <button type="button" onClick={retry} className={`${secondaryButtonClass} mt-3`}>
        Try again
      </button>
    </div>
  );
}
