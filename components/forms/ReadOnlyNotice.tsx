/** Shown above write controls that a viewer sees disabled. */
export function ReadOnlyNotice() {
  return (
    <p
      data-testid="read-only-notice"
      className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-800 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-300"
    >
      You are signed in as a viewer: you can look, but only an admin can change anything here.
    </p>
  );
}
