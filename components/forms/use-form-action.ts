'use client';

import { startTransition, useActionState, type FormEvent } from 'react';
import { IDLE, type ActionState } from '@/lib/forms/action-state';
import { useHydrated } from './use-hydrated';

/**
 * A server action bound to a form's submit. Unlike `<form action>`, the fields keep what was typed
 * when the server answers with validation messages (React resets a form after an `action` prop).
 */
export function useFormAction<T>(action: (state: ActionState<T>, form: FormData) => Promise<ActionState<T>>) {
  const [state, dispatch, pending] = useActionState(action, IDLE as ActionState<T>);
  const hydrated = useHydrated();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => dispatch(form));
  };
  // `busy` also covers the moment before hydration, when a submit must not happen yet.
  return { state, onSubmit, pending, busy: pending || !hydrated };
}
