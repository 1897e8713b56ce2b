import { z } from 'zod';
import { InvalidInput, type InputLocation, type ValidationIssue } from './invalid-input';

function issueType(issue: z.core.$ZodIssue, missing: boolean): string {
  if (missing) return 'missing';
  if (issue.code === 'invalid_type') return `${issue.expected}_type`;
  if (issue.code === 'invalid_value') return 'enum';
  if (issue.code === 'custom' && typeof issue.params?.type === 'string') return issue.params.type;
  return issue.code;
}

/** zod's issues as ValidationIssues, each `loc` led by `location` when the input came over HTTP. */
export function toValidationIssues(error: z.ZodError, location?: InputLocation): ValidationIssue[] {
  return error.issues.map((issue) => {
    // With reportInput, an absent field shows as input undefined, whatever the schema (a union reports invalid_union).
    const missing = issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union');
    return {
      loc: [...(location ? [location] : []), ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))],
      msg: missing ? 'Field required' : issue.message,
      type: issueType(issue, missing),
    };
  });
}

/** Validates an input with its schema, or throws InvalidInput naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, location?: InputLocation): z.output<S> {
  // reportInput: a missing field (input undefined) gets FastAPI's "missing" type.
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) throw new InvalidInput(toValidationIssues(result.error, location));
  return result.data;
}

/**
 * A whole number as JSON sends it (an integer) or as a form field or query parameter does: digits
 * only, so "1e3", "0x10", "+5", "5.0" and " 7" are refused rather than read as 1000, 16, 5, 5 and 7.
 */
export function wholeNumberSchema(message: string) {
  return z
    .union([z.number(), z.string().regex(/^\d+$/).transform(Number)], { error: message })
    .pipe(z.number().int({ error: message }).max(Number.MAX_SAFE_INTEGER, { error: message }));
}
