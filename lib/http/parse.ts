import type { z } from 'zod';
import { UserError } from '../errors';

export const DEFAULT_MAX_REQUEST_SIZE = 10 * 1024 * 1024;

/** One entry of FastAPI's 422 body: `{"detail": [{loc, msg, type}, ...]}`. */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/** 422 with a list of issues as `detail`, the shape FastAPI clients parse. */
export class RequestValidationError extends UserError {
  constructor(readonly issues: ValidationIssue[]) {
    super(issues.map((i) => `${i.loc.join('.')}: ${i.msg}`).join('; '), 422);
  }

  get detail(): ValidationIssue[] {
    return this.issues;
  }
}

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
    throw new RequestValidationError([{ loc: ['body', position === undefined ? 0 : Number(position)], msg: 'JSON decode error', type: 'json_invalid' }]);
  }
}

function issueType(issue: z.core.$ZodIssue, missing: boolean): string {
  if (missing) return 'missing';
  if (issue.code === 'invalid_type') return `${issue.expected}_type`;
  if (issue.code === 'invalid_value') return 'enum';
  if (issue.code === 'custom' && typeof issue.params?.type === 'string') return issue.params.type;
  return issue.code;
}

/** Validates with a zod schema, mapping every issue into the 422 `{loc, msg, type}` list. */
export function validateBody<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  // reportInput: a missing field (input undefined) gets FastAPI's "missing" type.
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw new RequestValidationError(
    result.error.issues.map((issue) => {
      const missing = issue.code === 'invalid_type' && issue.input === undefined;
      return {
        loc: ['body', ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))],
        msg: missing ? 'Field required' : issue.message,
        type: issueType(issue, missing),
      };
    }),
  );
}

/** Reads, size-limits, parses and validates a JSON body; `bytes` is what was read (for usage logs). */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<{ data: z.output<S>; bytes: number }> {
  const { text, bytes } = await readBodyText(request);
  return { data: validateBody(schema, parseJson(text)), bytes };
}
