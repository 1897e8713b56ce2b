'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False until React has attached its handlers (the server snapshot is false, the client's true).
 * Forms stay disabled until then: a submit before hydration would be the browser's own GET,
 * putting the fields (a password!) into the URL.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
