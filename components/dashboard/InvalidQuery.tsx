import Link from 'next/link';

/** A URL parameter the page cannot read: say which and why, and offer the page's default view. */
export function InvalidQuery({ message, resetHref }: { message: string; resetHref: string }) {
  return (
    <div
      data-testid="invalid-query"
      className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
    >
      <p>This link has a parameter the page cannot read: {message}</p>
      <Link href={resetHref} className="mt-2 inline-block underline">
        Show the default view
      </Link>
    </div>
  );
}
