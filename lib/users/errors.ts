import { UserError } from '../errors';
import type { z } from 'zod';

/** Invalid input for a user verb; `fields` maps each field to its first message, for forms. */
export class InvalidInput extends UserError {
  constructor(readonly fields: Record<string, string>) {
    super(Object.entries(fields).map(([field, message]) => `${field}: ${message}`).join('; '), 400);
  }

  static from(error: z.ZodError): InvalidInput {
    const fields: Record<string, string> = {};
    for (const issue of error.issues) fields[String(issue.path[0] ?? 'input')] ??= issue.message;
    return new InvalidInput(fields);
  }
}
