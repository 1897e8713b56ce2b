/**
 * Where to send a browser back to after signing in: `target` (a `callbackUrl`) when it is a path of
 * `origin`, otherwise `/`. The check is made on the parsed URL, after the normalisation a browser
 * applies (dot segments, `%2e`, backslashes, tabs and newlines), and the path must then start with one
 * `/` followed by neither `/` nor `\`: `/.//evil.example` parses to the path `//evil.example`, which a
 * browser asked to go to it reads as another host.
 */
export function returnPath(target: string | null | undefined, origin: string): string {
  if (!target) return '/';
  let url: URL;
  try {
    url = new URL(target, origin);
  } catch {
    return '/';
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  return url.origin === new URL(origin).origin && /^\/(?![/\\])/.test(path) ? path : '/';
}
