import type { ActionState } from '@/lib/forms/action-state';

/** The outcome line of a form: green on success, red when refused or invalid. */
export function FormMessage({ state, testId = 'form-message' }: { state: ActionState<unknown>; testId?: string }) {
  if (state.status === 'idle') return null;
  const tone = state.status === 'ok' ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-600 dark:text-red-400';
  return (
    <p data-testid={testId} role="status" className={`text-sm ${tone}`}>
      {state.message}
    </p>
  );
}
