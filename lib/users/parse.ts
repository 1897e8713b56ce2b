import type { z } from 'zod';
import { InvalidInput } from './errors';

/** Validates a verb's input with its schema, or throws InvalidInput naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw InvalidInput.from(result.error);
  return result.data;
}
