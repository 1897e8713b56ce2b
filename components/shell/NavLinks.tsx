'use client';

import Link, { useLinkStatus } from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { NAV_ITEMS, SHARED_VIEW_PARAMS } from './nav-items';

const isCurrent = (pathname: string, href: string) => (href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`));

/** A link's label, with a mark from the click until the page it leads to is shown. */
function Label({ text }: { text: string }) {
  const { pending } = useLinkStatus();
  return (
    <span className="flex items-center justify-between gap-2">
      {text}
      {pending && <span role="status" aria-label={`Loading ${text}`} data-testid="nav-pending" className="size-2 animate-pulse rounded-full bg-current" />}
    </span>
  );
}

/**
 * A row that scrolls sideways on a phone (faded at its end, scrolled to the current page), a column beside
 * the content from md up. From one chart view to another the links keep the range and service.
 */
export function NavLinks() {
  const pathname = usePathname();
  const search = useSearchParams();
  const list = useRef<HTMLUListElement>(null);
  const onView = NAV_ITEMS.some((item) => item.view && isCurrent(pathname, item.href));
  const shared = new URLSearchParams();
  if (onView) for (const key of SHARED_VIEW_PARAMS) if (search.get(key)) shared.set(key, search.get(key)!);
  const carried = shared.toString();

  useEffect(() => {
    const row = list.current;
    const current = row?.querySelector<HTMLElement>('[aria-current="page"]');
    // Only the row scrolls (not the page): the current page's link is brought into the middle of it.
    if (row && current && row.scrollWidth > row.clientWidth) row.scrollLeft = current.offsetLeft - (row.clientWidth - current.offsetWidth) / 2;
  }, [pathname]);

  return (
    <div className="relative">
      <ul ref={list} className="flex gap-1 overflow-x-auto md:flex-col md:overflow-visible">
        {NAV_ITEMS.map(({ href, label, view }) => {
          const current = isCurrent(pathname, href);
          return (
            <li key={href} className="shrink-0">
              <Link
                href={view && carried ? `${href}?${carried}` : href}
                aria-current={current ? 'page' : undefined}
                className={`block rounded-md px-3 py-2 text-sm whitespace-nowrap ${
                  current
                    ? 'bg-zinc-900 font-medium text-white dark:bg-zinc-100 dark:text-zinc-900'
                    : 'text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100'
                }`}
              >
                <Label text={label} />
              </Link>
            </li>
          );
        })}
      </ul>
      {/* The hint that the row goes on: its end fades out (phones only; the column shows everything). */}
      <div aria-hidden className="pointer-events-none absolute inset-y-0 right-0 w-8 bg-linear-to-l from-zinc-50 md:hidden dark:from-zinc-900" />
    </div>
  );
}
