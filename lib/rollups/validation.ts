import { z } from 'zod';

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'use a UTC date such as 2026-01-31' })
  .refine((text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text), {
    error: 'not a calendar date',
  });

/** Whole UTC days, both ends included; either end may be left open. */
export const rebuildRangeSchema = z
  .object({ from: day.optional(), to: day.optional() })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { error: '"from" must not be after "to"', path: ['to'] });
export type RebuildRangeInput = z.input<typeof rebuildRangeSchema>;
