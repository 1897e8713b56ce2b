/**
 * The cookie in which the browser tells the server its own time zone (an IANA name such as Europe/Berlin),
 * so that with the "local" preference a page arrives already showing times in it.
 */
export const BROWSER_ZONE_COOKIE = 'browser-time-zone';

/** The zone a cookie names, when this runtime knows it (a cookie is client input); null otherwise. */
export function knownTimeZone(value: string | undefined): string | null {
  if (!value || value.length > 64) return null;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value;
  } catch {
    return null;
  }
}
