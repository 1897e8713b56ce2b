/** A Request as Next hands it to a route handler, for calling handlers directly. */
export function jsonRequest(
  path: string,
  options: { method?: string; key?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Request {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.key) headers['x-api-key'] = options.key;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return new Request(`http://localhost${path}`, { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
}

/** The client's timestamp format: `datetime.utcnow().isoformat()` (no offset, microseconds). */
export function pythonUtcNow(offsetMs = 0): string {
  return new Date(Date.now() + offsetMs).toISOString().replace('Z', '') + '123';
}

/** The second argument Next passes a route handler: the path's dynamic segments. */
export interface RouteContext {
  params: Promise<Record<string, string | string[]>>;
}

/** A route handler of a path without dynamic segments, callable with the request alone. */
export function withoutParams(handler: (request: Request, context: RouteContext) => Promise<Response>): (request: Request) => Promise<Response> {
  return (request) => handler(request, { params: Promise.resolve({}) });
}
