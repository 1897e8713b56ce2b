'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { hrefWith } from '@/lib/dashboard/search-params';
import { REFRESH_CHOICES, type RefreshChoice } from '@/lib/dashboard/refresh';
import { usePendingNavigation, ViewLink } from './PendingNavigation';

/**
 * Off / 10 s / 30 s / 1 m (`refresh=` in the URL). While on, the page asks the server for its view again at
 * that period: a preset range ("last 15 min") moves with the clock, so a metric sent meanwhile shows up.
 * A refresh is skipped while another view loads or the tab is hidden.
 */
export function AutoRefresh({ pathname, params, choice }: { pathname: string; params: Record<string, string>; choice: RefreshChoice }) {
  const router = useRouter();
  const { target } = usePendingNavigation();
  const period = REFRESH_CHOICES[choice];
  useEffect(() => {
    if (period === null || target !== null) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') router.refresh();
    }, period);
    return () => clearInterval(timer);
  }, [period, target, router]);
  return (
    <div className="flex items-center gap-1" role="group" aria-label="Auto-refresh">
      <span className="mr-1 text-xs text-zinc-500 dark:text-zinc-400">Refresh</span>
      {(Object.keys(REFRESH_CHOICES) as RefreshChoice[]).map((c) => (
        <ViewLink
          key={c}
          href={hrefWith(pathname, params, { refresh: c === 'off' ? undefined : c })}
          current={choice === c}
          className="rounded-md px-2 py-0.5 text-xs whitespace-nowrap"
          selectedClassName="bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900"
          otherClassName="text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
        >
          {c}
        </ViewLink>
      ))}
    </div>
  );
}
