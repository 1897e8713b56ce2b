const TONES = {
  firing: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200',
  ok: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-200',
  resolved: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-200',
  disabled: 'bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300',
  delivered: 'bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300',
  pending: 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200',
  failed: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200',
} as const;

/** A rule's state (firing, ok, disabled), an event's (firing, resolved) or a delivery's (pending, delivered, failed). */
export function StateBadge({ state, testId }: { state: keyof typeof TONES; testId?: string }) {
  return (
    <span data-testid={testId} className={`rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${TONES[state]}`}>
      {state}
    </span>
  );
}
