'use client';

import { createContext, useContext, useEffect, useSyncExternalStore, type PropsWithChildren } from 'react';
import { BROWSER_ZONE_COOKIE } from '@/lib/preferences/browser-zone';
import type { TimeZonePreference } from '@/lib/preferences/validation';

const DisplayZoneContext = createContext('UTC');

const YEAR_SECONDS = 365 * 86_400;
const subscribe = () => () => {};
const currentZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The zone every Timestamp below shows times in (an IANA name): UTC, or with the "local" preference the
 * browser's. The server knows the browser's zone from its cookie (`knownZone`, null before the first
 * visit); the server's render and hydration use that, so both print the same text, and a browser whose zone
 * differs (a first visit, a laptop that travelled) re-renders in its own right after. Each visit keeps the
 * cookie current, so that switching to "local" is rendered right by the server at once.
 */
export function DisplayZoneProvider({ preference, knownZone, children }: PropsWithChildren<{ preference: TimeZonePreference; knownZone: string | null }>) {
  // null on the server and while hydrating.
  const actual = useSyncExternalStore(subscribe, currentZone, () => null);
  useEffect(() => {
    if (actual && actual !== knownZone) document.cookie = `${BROWSER_ZONE_COOKIE}=${actual}; path=/; max-age=${YEAR_SECONDS}; samesite=lax`;
  }, [actual, knownZone]);
  const zone = preference === 'local' ? (actual ?? knownZone ?? 'UTC') : 'UTC';
  return <DisplayZoneContext value={zone}>{children}</DisplayZoneContext>;
}

export const useDisplayZone = () => useContext(DisplayZoneContext);
