'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition, type FormEvent } from 'react';
import { inputClass, secondaryButtonClass } from '@/components/forms/styles';
import { useHydrated } from '@/components/forms/use-hydrated';
import type { ActionState } from '@/lib/forms/action-state';
import { TIME_ZONES, type TimeZonePreference } from '@/lib/preferences/validation';

interface Actions {
  setTimeZone: (timeZone: string) => Promise<ActionState>;
  saveView: (state: ActionState, form: FormData) => Promise<ActionState>;
  deleteView: (id: number) => Promise<ActionState>;
}

/** The header's UTC/local switch (remembered per user) and the user's saved views: open one, save the current page, delete. */
export function UserViews({
  timeZone,
  views,
  actions,
}: {
  timeZone: TimeZonePreference;
  views: { id: number; name: string; url: string }[];
  actions: Actions;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // Before hydration a click does nothing and a save would be the browser's own GET of the page.
  const hydrated = useHydrated();
  const busy = pending || !hydrated;
  const [message, setMessage] = useState('');
  const menu = useRef<HTMLDetailsElement>(null);
  const run = (action: () => Promise<ActionState>) =>
    startTransition(async () => {
      const state = await action();
      setMessage(state.status === 'error' ? state.message : '');
      router.refresh();
    });
  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    form.set('url', `${window.location.pathname}${window.location.search}`);
    const target = event.currentTarget;
    run(async () => {
      const state = await actions.saveView({ status: 'idle' }, form);
      if (state.status === 'ok') target.reset();
      return state;
    });
  };
  return (
    <div className="flex items-center gap-3" aria-busy={pending}>
      <div role="group" aria-label="Time zone" className="flex text-xs">
        {TIME_ZONES.map((z) => (
          <button
            key={z}
            type="button"
            aria-pressed={timeZone === z}
            disabled={busy}
            onClick={() => run(() => actions.setTimeZone(z))}
            className={`px-2 py-0.5 first:rounded-l-md last:rounded-r-md border border-zinc-300 dark:border-zinc-700 ${timeZone === z ? 'bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900' : ''}`}
          >
            {z === 'UTC' ? 'UTC' : 'Local'}
          </button>
        ))}
      </div>
      <details ref={menu} className="relative text-sm">
        <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Saved views ({views.length})</summary>
        <div className="absolute right-0 z-10 mt-1 w-72 rounded-md border border-zinc-200 bg-white p-3 shadow-md dark:border-zinc-700 dark:bg-zinc-900">
          <ul aria-label="Saved views" className="mb-2 flex flex-col gap-1">
            {views.map((v) => (
              <li key={v.id} className="flex items-center justify-between gap-2">
                <Link
                  href={v.url}
                  onClick={() => menu.current?.removeAttribute('open')}
                  className="truncate text-blue-600 hover:underline dark:text-blue-400"
                  title={v.url}
                >
                  {v.name}
                </Link>
                <button
                  type="button"
                  aria-label={`Delete ${v.name}`}
                  disabled={busy}
                  onClick={() => run(() => actions.deleteView(v.id))}
                  className="text-xs text-zinc-500 hover:text-red-600"
                >
                  ✕
                </button>
              </li>
            ))}
            {views.length === 0 && <li className="text-xs text-zinc-500">None yet.</li>}
          </ul>
          <form onSubmit={save} className="flex gap-2" aria-label="Save this view">
            <input name="name" aria-label="View name" placeholder="Name this view" required maxLength={80} className={`${inputClass} min-w-0 flex-1 py-1`} />
            <button type="submit" className={secondaryButtonClass} disabled={busy}>
              Save
            </button>
          </form>
          {message && (
            <p role="alert" className="mt-1 text-xs text-red-600">
              {message}
            </p>
          )}
        </div>
      </details>
    </div>
  );
}
