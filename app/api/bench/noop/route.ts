export const dynamic = 'force-dynamic';

/**
 * The reference of `npm run bench:ingest`: what a route handler of this very build costs when it does
 * nothing (reads no body, touches no database). It lives in the app, under /api like the machine
 * endpoints (skipped by the dashboard proxy, as /metrics is), because only a route of the same build,
 * server and middleware measures Next's own per-request floor. It exposes nothing.
 */
export function POST(): Response {
  return Response.json({ status: 'ok' });
}
