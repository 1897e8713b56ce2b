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

/** One bad query parameter, for checks a schema does not express (a range's two ends, a cursor's shape). */
export const invalidQueryParameter = (name: string, msg: string) => new InvalidInput([{ loc: ['query', name], msg, type: 'value_error' }]);
