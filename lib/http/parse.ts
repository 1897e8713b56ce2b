import { config } from '../config/config';
import { UserError } from '../errors';
import { InvalidInput } from '../invalid-input';

export class PayloadTooLarge extends UserError {
  constructor(limit: number) {
    super(`Request body too large: the limit is ${limit} bytes`, 413);
  }
}

/** MAX_REQUEST_SIZE in bytes (default 10 MB; `10MB`, `512KB` or bytes, read by lib/config). */
export function maxRequestSize(): number {
  return config().http.maxRequestSize;
}

/**
 * How much of a refused body is still read, and dropped, before the connection is let go (as nginx's
 * lingering close does): clients that write the whole body before reading the answer (Python's urllib,
 * httpx) then read the 413 instead of a broken pipe. Past either bound the connection is closed.
 */
export const LINGER = { bytes: 8 * 1024 * 1024, ms: 5_000 } as const;

/** The client closed the connection before its body arrived: nobody reads the answer, and it is no fault of ours. */
export class ClientGone extends UserError {
  constructor() {
    super('the client closed the connection before sending its whole body', 499);
  }
}

type BodyReader = ReadableStreamDefaultReader<Uint8Array>;

/** The next chunk; a client that hangs up mid-body (Node: Error "aborted", ECONNRESET) is a ClientGone. */
async function nextChunk(reader: BodyReader, request: Request): Promise<ReadableStreamReadResult<Uint8Array>> {
  try {
    return await reader.read();
  } catch (error) {
    if (request.signal.aborted || (error as { code?: unknown }).code === 'ECONNRESET' || (error as Error).message === 'aborted') throw new ClientGone();
    throw error;
  }
}

/** Reads and drops what the client still sends, within LINGER, then releases the body. */
async function discardRest(reader: BodyReader, request: Request): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<'time up'>((resolve) => (timer = setTimeout(resolve, LINGER.ms, 'time up')));
  try {
    let dropped = 0;
    while (dropped <= LINGER.bytes) {
      const chunk = await Promise.race([nextChunk(reader, request), timeUp]);
      if (chunk === 'time up' || chunk.done) break;
      dropped += chunk.value.byteLength;
    }
  } catch {
    // The client went away while we were dropping its body: nothing is left to answer.
  } finally {
    clearTimeout(timer);
    await reader.cancel().catch(() => {});
  }
}

/** The body as text, refusing (413) beyond `limit` bytes without keeping more than that. */
export async function readBodyText(request: Request, limit: number = maxRequestSize()): Promise<{ text: string; bytes: number }> {
  const header = request.headers.get('content-length');
  const declared = header === null ? 0 : Number(header);
  if (!request.body) return { text: '', bytes: 0 };
  const reader = request.body.getReader();
  // A body declared too large even to drop within LINGER is not read at all.
  if (declared > limit + LINGER.bytes) {
    await reader.cancel().catch(() => {});
    throw new PayloadTooLarge(limit);
  }
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  if (!(declared > limit)) {
    for (;;) {
      const { done, value } = await nextChunk(reader, request);
      if (done) return { text: Buffer.concat(chunks).toString('utf8'), bytes };
      bytes += value.byteLength;
      if (bytes > limit) break;
      chunks.push(value);
    }
  }
  await discardRest(reader, request);
  throw new PayloadTooLarge(limit);
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec(String(error))?.[1];
    throw new InvalidInput([{ loc: ['body', position === undefined ? 0 : Number(position)], msg: 'JSON decode error', type: 'json_invalid' }]);
  }
}
