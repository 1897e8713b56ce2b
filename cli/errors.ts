import { UserError } from '../lib/errors';

/** A mistake on the command line: printed without a stack trace, exit code 2. */
export class CliError extends UserError {}

/** Errors worth a plain message rather than a stack trace: ours, and node:util parseArgs' own. */
export function isUserError(error: unknown): error is Error {
  return error instanceof UserError || (error instanceof Error && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS'));
}

export type Command = (args: string[]) => Promise<number | void>;

/** Parses a whole, non-negative number from a command-line value, or explains what is wrong. */
export function wholeNumber(value: string | undefined, what: string): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new CliError(`${what} must be a whole number, got "${value ?? ''}"`);
  return Number(value);
}
