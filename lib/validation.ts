import { z } from 'zod';
import { UserError } from './errors';

/** One problem with an input, FastAPI's shape: where (`['query', 'retention_days']`), what, and a machine type. */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/** Where an HTTP input came from; it leads each issue's `loc`, as in FastAPI's 422 bodies. */
export type InputLocation = 'body' | 'query' | 'path';

/**
 * Input that failed its schema. Every surface renders the same issues its own way: the HTTP API as
 * 422 `{"detail": [{loc, msg, type}, ...]}`, forms as a message next to each field (`fields`), the CLI
 * and the dashboard's URL checks as one line (`message`).
 */
export class InvalidInput extends UserError {
  constructor(readonly issues: ValidationIssue[]) {
    super(issues.map((issue) => describeIssue(issue)).join('; '), 422);
  }

  get detail(): ValidationIssue[] {
    return this.issues;
  }

  /** The first message for each top-level field (location left out), keyed '' for a bare value. */
  get fields(): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const issue of this.issues) fields[String(fieldPath(issue)[0] ?? '')] ??= issue.msg;
    return fields;
  }
}

const LOCATIONS: readonly unknown[] = ['body', 'query', 'path'] satisfies InputLocation[];
const fieldPath = (issue: ValidationIssue) => (LOCATIONS.includes(issue.loc[0]) ? issue.loc.slice(1) : issue.loc);

function describeIssue(issue: ValidationIssue): string {
  const field = fieldPath(issue).join('.');
  return field ? `${field}: ${issue.msg}` : issue.msg;
}

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

/** One bad query parameter, for checks a schema does not express (a range's two ends, a cursor's shape). */
export const invalidQueryParameter = (name: string, msg: string) => new InvalidInput([{ loc: ['query', name], msg, type: 'value_error' }]);
