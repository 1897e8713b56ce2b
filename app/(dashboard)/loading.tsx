/** Shown at once when moving to another dashboard page, until its data is read (Next streams the page in after). */
export default function Loading() {
  return (
    <div role="status" aria-busy="true" data-testid="page-loading" className="animate-pulse">
      <span className="sr-only">Loading…</span>
      <div className="mb-6 h-8 w-48 rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="mb-4 grid grid-cols-2 gap-3 lg:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-24 rounded-lg bg-zinc-100 dark:bg-zinc-900" />
        ))}
      </div>
      <div className="grid gap-4 xl:grid-cols-2">
        {[0, 1].map((i) => (
          <div key={i} className="h-80 rounded-lg bg-zinc-100 dark:bg-zinc-900" />
        ))}
      </div>
    </div>
  );
}
