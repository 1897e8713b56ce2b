import { UserError } from '../errors';

/** The API's error body: `{"detail": ...}` with a 4xx status (5xx only for our own faults). */
export function detail(status: number, body: unknown, headers?: HeadersInit): Response {
  return Response.json({ detail: body }, { status, headers });
}

/**
 * Runs a route handler body: a UserError becomes its status and message; anything else is our fault,
 * logged with its stack and answered with a 500 that reveals nothing.
 */
export async function handle(run: () => Response | Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    return errorResponse(error);
  }
}

/** A thrown error as a response: a UserError's status and message (or structured `detail`, e.g. the 422 list of lib/http/parse.ts); otherwise a logged 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof UserError) return detail(error.status, 'detail' in error ? error.detail : error.message);
  console.error('[http] unhandled error', error);
  return detail(500, 'Internal server error');
}
