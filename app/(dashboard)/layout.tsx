import { cookies } from 'next/headers';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { SIGN_IN_PATH } from '@/auth/paths';
import { requirePageUser } from '@/auth/session';
import { SignOutButton } from '@/components/auth/SignOutButton';
import { UserViews } from '@/components/dashboard/UserViews';
import { DisplayZoneProvider } from '@/components/shell/DisplayZone';
import { NavLinks } from '@/components/shell/NavLinks';
import { getDb } from '@/db/connection';
import { BROWSER_ZONE_COOKIE, knownTimeZone } from '@/lib/preferences/browser-zone';
import { loadPreferences } from '@/lib/preferences/load-preferences';
import { deleteViewAction, saveViewAction, setTimeZoneAction } from './preferences-actions';

export const dynamic = 'force-dynamic';

/** The dashboard shell: every page in this group needs a session (the proxy redirects before this). */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  const preferences = await loadPreferences(getDb(), user.email);
  const browserZone = knownTimeZone((await cookies()).get(BROWSER_ZONE_COOKIE)?.value);
  return (
    <div className="min-h-screen md:flex">
      {/* The aside stretches to the page's full height (its background with it); the nav inside it stays in view. */}
      <aside className="border-b border-zinc-200 bg-zinc-50 md:w-52 md:shrink-0 md:border-r md:border-b-0 dark:border-zinc-800 dark:bg-zinc-900">
        <nav aria-label="Dashboard" className="flex flex-col gap-2 p-3 md:sticky md:top-0 md:max-h-screen md:gap-6 md:overflow-y-auto md:p-4">
          <Link href="/" className="px-3 text-lg font-semibold">
            mcp-metrics
          </Link>
          <NavLinks />
        </nav>
      </aside>
      <div className="min-w-0 flex-1">
        <header className="flex items-center justify-end gap-3 border-b border-zinc-200 px-4 py-2 text-sm dark:border-zinc-800">
          <UserViews
            timeZone={preferences.timeZone}
            views={preferences.views}
            actions={{ setTimeZone: setTimeZoneAction, saveView: saveViewAction, deleteView: deleteViewAction }}
          />
          <span data-testid="session-user" className="truncate text-zinc-600 dark:text-zinc-400">
            {user.email} · {user.role}
          </span>
          <SignOutButton signInPath={SIGN_IN_PATH} />
        </header>
        <main className="mx-auto max-w-6xl p-4 md:p-6">
          <DisplayZoneProvider preference={preferences.timeZone} knownZone={browserZone}>
            {children}
          </DisplayZoneProvider>
        </main>
      </div>
    </div>
  );
}
