import { setTimeout as sleep } from 'node:timers/promises';

export interface DeliveryOptions {
  /** Tries in all (default 4). */
  attempts?: number;
  /** Wait before the second try, doubled before each next one (default 1 s: 1, 2, 4 s). */
  backoffMs?: number;
  /** Longest wait for the receiver's answer, per try (default 5 s). */
  timeoutMs?: number;
}

export interface DeliveryOutcome {
  delivered: boolean;
  attempts: number;
  /** Why the last try failed (null when delivered). */
  error: string | null;
}

const MAX_REDIRECTS = 3;
/** Answers worth trying again: the receiver may be restarting or overloaded. */
const TRANSIENT = (status: number) => status >= 500 || status === 408 || status === 429;

class Permanent extends Error {}

/**
 * One try: POST `body` to `url`, following a redirect only when it keeps the method and body (307/308),
 * stays on the same host name and on http(s); any other redirect fails, since following it would send
 * the notification somewhere the admin did not name. Resolves on a 2xx; throws otherwise (Permanent: no retry).
 */
async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<void> {
  const signal = AbortSignal.timeout(timeoutMs);
  let target = new URL(url);
  // fetch refuses a URL with credentials: `https://user:pass@host/…` becomes Basic authentication.
  if (target.username || target.password) {
    const credentials = `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`;
    headers = { ...headers, authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };
    target.username = target.password = '';
  }
  for (let hop = 0; ; hop++) {
    const response = await fetch(target, { method: 'POST', headers, body, redirect: 'manual', signal });
    await response.body?.cancel();
    if (response.ok) return;
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400) {
      const next = location ? new URL(location, target) : null;
      const keepsRequest = response.status === 307 || response.status === 308;
      if (!next || !keepsRequest || next.hostname !== target.hostname || !['http:', 'https:'].includes(next.protocol) || hop >= MAX_REDIRECTS) {
        throw new Permanent(`HTTP ${response.status} redirect${next ? ` to ${next.host}` : ''} not followed`);
      }
      target = next;
      continue;
    }
    const message = `HTTP ${response.status}`;
    throw TRANSIENT(response.status) ? new Error(message) : new Permanent(message);
  }
}

const describe = (error: unknown) => {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'no answer within the timeout';
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return error instanceof Error ? `${error.message}${cause}` : String(error);
};

/**
 * POSTs a JSON notification to a webhook, trying again with backoff after a network error, a timeout
 * or a 5xx/408/429 answer (not after other answers, which another try would get again). Never throws.
 */
export async function deliverWebhook(url: string, payload: object, headers: Record<string, string>, options: DeliveryOptions = {}): Promise<DeliveryOutcome> {
  const attempts = options.attempts ?? 4;
  const body = JSON.stringify(payload);
  const allHeaders = { 'content-type': 'application/json', 'user-agent': 'mcp-metrics-alerts/1', ...headers };
  let error = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await post(url, body, allHeaders, options.timeoutMs ?? 5000);
      return { delivered: true, attempts: attempt, error: null };
    } catch (failure) {
      error = describe(failure);
      if (failure instanceof Permanent) return { delivered: false, attempts: attempt, error };
    }
    if (attempt < attempts) await sleep((options.backoffMs ?? 1000) * 2 ** (attempt - 1));
  }
  return { delivered: false, attempts, error };
}
