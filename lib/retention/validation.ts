import { z } from 'zod';
import { RETENTION_TABLE_NAMES, isRetentionTable, type RetentionTable } from './tables';
import { UserError } from '../errors';
import { wholeNumberSchema } from '../validation';

export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;

const knownTables = RETENTION_TABLE_NAMES.join(', ');

export const retentionTableSchema = z
  .string()
  .refine(isRetentionTable, { error: (issue) => `unknown table "${String(issue.input)}"; retention applies to: ${knownTables}` })
  .transform((value) => value as RetentionTable);

export const retentionDaysSchema = wholeNumberSchema('retention days must be a whole number of days').pipe(
  z
    .number()
    .min(MIN_RETENTION_DAYS, { error: `retention days must be at least ${MIN_RETENTION_DAYS}` })
    .max(MAX_RETENTION_DAYS, { error: `retention days must be at most ${MAX_RETENTION_DAYS} (10 years)` }),
);

/** A flag as JSON (true/false) or a query string or form field ("true"/"false"/"1"/"0"/"yes"/"no") carries it. */
export const flagSchema = z.union([z.boolean(), z.stringbool()], { error: 'expected true or false' });

/** A policy edit as forms, the API and the CLI send it; `isActive` left out keeps the current state. */
export const retentionPolicyInputSchema = z.object({
  table: retentionTableSchema,
  retentionDays: retentionDaysSchema,
  isActive: flagSchema.optional(),
});
export type RetentionPolicyInput = z.input<typeof retentionPolicyInputSchema>;

/**
 * A cleanup request, as the admin API's query string and the dashboard's cleanup buttons both send
 * it: every table unless `table_name` names one (a table retention does not know is a 404, from the
 * verb), and a dry run unless `dry_run` is false.
 */
export const cleanupRequestSchema = z.object({
  table_name: z.string().optional(),
  dry_run: flagSchema.default(true),
});

/** A table a client named: known, or a 404 that lists the ones retention applies to. */
export function requireRetentionTable(name: string): RetentionTable {
  if (!isRetentionTable(name)) throw new UserError(`unknown table "${name}"; retention applies to: ${knownTables}`, 404);
  return name;
}
