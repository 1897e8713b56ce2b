import type { IncomingMessage } from 'node:http';

/**
 * Set on every request by the server itself (instrumentation.ts), overwriting whatever a client sent:
 * the address throttles count by. `next start` keeps a client's own X-Forwarded-For as it came, so
 * that header alone would let a guesser pose as a new address on every request.
 */
export const CLIENT_ADDRESS_HEADER = 'x-mcp-client-address';

/**
 * The caller's address: the socket's peer, or, behind `trustedProxyHops` proxies that each append the
 * address they saw to X-Forwarded-For, the entry the outermost of them added.
 */
export function clientAddressOf(request: IncomingMessage, trustedProxyHops: number): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (trustedProxyHops <= 0) return peer;
  const forwarded = String(request.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return forwarded[forwarded.length - trustedProxyHops] ?? forwarded[0] ?? peer;
}

/** The address the server recorded for a request handed to a route handler or next-auth. */
export function clientAddress(headers: Headers | Record<string, unknown> | undefined): string {
  const value = headers instanceof Headers ? headers.get(CLIENT_ADDRESS_HEADER) : headers?.[CLIENT_ADDRESS_HEADER];
  return typeof value === 'string' && value ? value : 'unknown';
}
