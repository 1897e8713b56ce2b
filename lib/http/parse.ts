import { UserError } from '../errors';
import { InvalidInput } from '../validation';

export const DEFAULT_MAX_REQUEST_SIZE = 10 * 1024 * 1024;

export class PayloadTooLarge extends UserError {
  constructor(limit: number) {
    super(`Request body too large: the limit is ${limit} bytes`, 413);
  }
}

/** MAX_REQUEST_SIZE in bytes (default 10 MB). */
export function maxRequestSize(): number {
  const raw = process.env.MAX_REQUEST_SIZE;
  if (raw === undefined || raw === '') return DEFAULT_MAX_REQUEST_SIZE;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit <= 0) throw new Error(`MAX_REQUEST_SIZE must be a positive whole number of bytes, got "${raw}"`);
  return limit;
}

/** The body as text, refusing (413) beyond `limit` bytes without reading further than that. */
export async function readBodyText(request: Request, limit: number = maxRequestSize()): Promise<{ text: string; bytes: number }> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw new PayloadTooLarge(limit);
  if (!request.body) return { text: '', bytes: 0 };
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > limit) {
      await reader.cancel();
      throw new PayloadTooLarge(limit);
    }
    chunks.push(value);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), bytes };
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec(String(error))?.[1];
    throw new InvalidInput([{ loc: ['body', position === undefined ? 0 : Number(position)], msg: 'JSON decode error', type: 'json_invalid' }]);
  }
}
