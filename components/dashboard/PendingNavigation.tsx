'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { createContext, useContext, useState, useTransition, type MouseEvent, type ReactNode } from 'react';

interface Navigation {
  /** The URL being loaded, from the click until its view is shown; null when idle. */
  target: string | null;
  navigate: (href: string) => void;
}

const NavigationContext = createContext<Navigation>({ target: null, navigate: () => {} });

/**
 * Moves between the states of one view (range, filters) in a transition, so that the view says at once
 * that it is loading, and which choice it is loading, instead of showing the old view as if nothing happened
 * until the server answers. (loading.tsx covers moves to another page; a new query of the same page keeps
 * the old view on screen.)
 */
export function PendingNavigation({ children }: { children: ReactNode }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [target, setTarget] = useState<string | null>(null);
  const navigate = (href: string) => {
    setTarget(href);
    startTransition(() => router.push(href));
  };
  return <NavigationContext value={{ target: pending ? target : null, navigate }}>{children}</NavigationContext>;
}

export const usePendingNavigation = () => useContext(NavigationContext);

/** The view's content, dimmed and marked busy while another state of it loads. */
export function PendingContent({ children }: { children: ReactNode }) {
  const { target } = usePendingNavigation();
  return (
    <div aria-busy={target !== null} className={target === null ? '' : 'pointer-events-none opacity-50 transition-opacity'}>
      {target !== null && (
        <p role="status" data-testid="view-loading" className="mb-2 text-sm text-zinc-500 dark:text-zinc-400">
          Loading…
        </p>
      )}
      {children}
    </div>
  );
}

/**
 * A link to another state of the view: a plain link (shareable, opens in a new tab with a modifier key),
 * whose ordinary click loads in the view's transition; `current` styles the chosen one, the pending one
 * from the moment it is clicked.
 */
export function ViewLink({
  href,
  current,
  className,
  selectedClassName,
  otherClassName,
  children,
}: {
  href: string;
  current: boolean;
  className: string;
  selectedClassName: string;
  otherClassName: string;
  children: ReactNode;
}) {
  const { target, navigate } = usePendingNavigation();
  const selected = target === null ? current : target === href;
  const click = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <Link
      href={href}
      onClick={click}
      aria-current={selected ? 'true' : undefined}
      data-pending={target === href ? 'true' : undefined}
      className={`${className} ${selected ? selectedClassName : otherClassName}`}
    >
      {children}
    </Link>
  );
}
