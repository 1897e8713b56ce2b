import { z } from 'zod';
import { RETENTION_TABLE_NAMES, isRetentionTable, type RetentionTable } from './tables';
import { UserError } from '../errors';

export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;

const knownTables = RETENTION_TABLE_NAMES.join(', ');

export const retentionTableSchema = z
  .string()
  .refine(isRetentionTable, { error: (issue) => `unknown table "${String(issue.input)}"; retention applies to: ${knownTables}` })
  .transform((value) => value as RetentionTable);

export const retentionDaysSchema = z.coerce
  .number({ message: 'retention days must be a number' })
  .int('retention days must be a whole number of days')
  .min(MIN_RETENTION_DAYS, `retention days must be at least ${MIN_RETENTION_DAYS}`)
  .max(MAX_RETENTION_DAYS, `retention days must be at most ${MAX_RETENTION_DAYS} (10 years)`);

/** A policy edit as forms, the API and the CLI send it; `isActive` left out keeps the current state. */
export const retentionPolicyInputSchema = z.object({
  table: retentionTableSchema,
  retentionDays: retentionDaysSchema,
  isActive: z.boolean().optional(),
});
export type RetentionPolicyInput = z.infer<typeof retentionPolicyInputSchema>;

/** A cleanup request: a dry run unless stated otherwise, every table unless one is named. */
export const cleanupInputSchema = z.object({
  dryRun: z.boolean().default(true),
  table: retentionTableSchema.optional(),
});
export type CleanupInput = z.infer<typeof cleanupInputSchema>;

/** "true"/"false"/"1"/"0"/"yes"/"no" as query strings and form fields carry flags. */
export const flagSchema = z.stringbool({ error: 'expected true or false' });

/** A table a client named: known, or a 404 that lists the ones retention applies to. */
export function requireRetentionTable(name: string): RetentionTable {
  if (!isRetentionTable(name)) throw new UserError(`unknown table "${name}"; retention applies to: ${knownTables}`, 404);
  return name;
}
