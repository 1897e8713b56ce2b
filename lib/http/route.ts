import type { z } from 'zod';
import type { Db } from '../../db/client';
import { getDb } from '../../db/connection';
import { parseInput } from '../validation';
import { parseJson, readBodyText } from './parse';
import { handle } from './respond';

/** A request on its way through a route: its body is read at most once, and its size kept for usage logs. */
export class IncomingRequest {
  private body?: Promise<string>;
  bytes = 0;

  constructor(
    readonly request: Request,
    readonly db: Db,
  ) {}

  /** The body as text; 413 beyond MAX_REQUEST_SIZE. */
  text(): Promise<string> {
    return (this.body ??= readBodyText(this.request).then(({ text, bytes }) => {
      this.bytes = bytes;
      return text;
    }));
  }
}

/**
 * Who may call a route and how that is checked. `serve` identifies the caller (or answers 401/403),
 * runs the handler as them, and may add to the answer: an ingest key's usage is logged with it.
 */
export interface Access<Actor> {
  serve(incoming: IncomingRequest, handler: (actor: Actor) => Promise<Response>): Promise<Response>;
}

/** Public endpoints (health, the endpoint map). */
export const anyone: Access<null> = { serve: (_incoming, handler) => handler(null) };

type Schema = z.ZodType | undefined;
type Output<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<A, Q extends Schema, B extends Schema, P extends Schema> {
  access: Access<A>;
  /** The query string's parameters, named as clients send them (an empty `?name=` counts as absent). */
  query?: Q;
  /** A JSON body. */
  body?: B;
  /** The path's dynamic segments. */
  params?: P;
}

export interface RouteCall<A, Q extends Schema, B extends Schema, P extends Schema> {
  request: Request;
  db: Db;
  actor: A;
  query: Output<Q>;
  body: Output<B>;
  params: Output<P>;
}

interface NextRouteContext {
  params: Promise<Record<string, string | string[]>>;
}

function queryObject(request: Request): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of new URL(request.url).searchParams) if (value !== '') query[name] = value;
  return query;
}

/**
 * Declares a route handler: the access rule first (401/403 before anything is parsed), then the path,
 * query and body validated by their schemas (one 422 `{"detail": [{loc, msg, type}]}` naming each bad
 * field as the client sent it), then `handler`, whose object result is sent as JSON. Every error maps
 * the same way (lib/http/respond.ts): a UserError to its status, anything else to a logged 500.
 */
export function route<A, Q extends Schema = undefined, B extends Schema = undefined, P extends Schema = undefined>(
  spec: RouteSpec<A, Q, B, P>,
  handler: (call: RouteCall<A, Q, B, P>) => Promise<Response | object>,
): (request: Request, context: NextRouteContext) => Promise<Response> {
  return (request, context) =>
    handle(async () => {
      const incoming = new IncomingRequest(request, getDb());
      return spec.access.serve(incoming, async (actor) => {
        const call = {
          request,
          db: incoming.db,
          actor,
          params: spec.params && parseInput(spec.params, await context.params, 'path'),
          query: spec.query && parseInput(spec.query, queryObject(request), 'query'),
          body: spec.body && parseInput(spec.body, parseJson(await incoming.text()), 'body'),
        } as RouteCall<A, Q, B, P>;
        const result = await handler(call);
        return result instanceof Response ? result : Response.json(result);
      });
    });
}
