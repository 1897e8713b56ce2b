'use client';

import { useEffect, useState } from 'react';

/**
 * False until React has attached its handlers. Forms stay disabled until then: a submit before
 * hydration would be the browser's own GET, putting the fields (a password!) into the URL.
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
