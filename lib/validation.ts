import type { z } from 'zod';
import { UserError } from './errors';

/**
 * Input that failed its zod schema (400). `fields` maps each top-level field to its first message, so
 * forms can show it next to the field; a value without fields (a bare flag, say) is keyed ''.
 */
export class InvalidInput extends UserError {
  constructor(readonly fields: Record<string, string>) {
    super(
      Object.entries(fields)
        .map(([field, message]) => (field ? `${field}: ${message}` : message))
        .join('; '),
      400,
    );
  }

  static from(error: z.ZodError): InvalidInput {
    const fields: Record<string, string> = {};
    for (const issue of error.issues) fields[String(issue.path[0] ?? '')] ??= issue.message;
    return new InvalidInput(fields);
  }
}

/** Validates a verb's input with its schema, or throws InvalidInput naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw InvalidInput.from(result.error);
  return result.data;
}
