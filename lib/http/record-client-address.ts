import http from 'node:http';
import { CLIENT_ADDRESS_HEADER, clientAddressOf } from './client-address';

const INSTALLED = Symbol.for('mcp-metrics.client-address');

/**
 * Makes every HTTP server of this process stamp each request with its client address before any
 * handler sees it (Next gives route handlers no socket). Idempotent.
 */
export function recordClientAddresses(trustedProxyHops: number): void {
  const prototype = http.Server.prototype as http.Server & { [INSTALLED]?: true };
  if (prototype[INSTALLED]) return;
  prototype[INSTALLED] = true;
  const emit = prototype.emit;
  prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const request = args[0] as http.IncomingMessage;
      request.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(request, trustedProxyHops);
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}
