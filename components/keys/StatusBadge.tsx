export function StatusBadge({ active }: { active: boolean }) {
  return (
    <span
      data-testid="key-status"
      className={`rounded-full px-2 py-0.5 text-xs font-medium ${
        active ? 'bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-200' : 'bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300'
      }`}
    >
      {active ? 'active' : 'inactive'}
    </span>
  );
}
