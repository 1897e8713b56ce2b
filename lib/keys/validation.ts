import { z } from 'zod';
import { config } from '../config/config';
import { wholeNumberSchema } from '../validation';

/** The service a key belongs to; the same rule as the `service` field of POST /metrics. */
export const serviceNameSchema = z
  .string({ error: 'service name is required' })
  .trim()
  .min(1, { error: 'service name is required' })
  .max(100, { error: 'service name must be at most 100 characters' })
  .regex(/^[a-zA-Z0-9_-]+$/, { error: 'service name may contain only letters, digits, "_" and "-"' });

/** A limit: a positive whole number (digits only, from forms and query strings), or null for "no limit". */
export const optionalLimitSchema = wholeNumberSchema('limit must be a whole number')
  .pipe(z.number().positive({ error: 'limit must be at least 1' }).max(1_000_000_000, { error: 'limit must be at most 1000000000' }))
  .nullable();

export const rateLimitSchema = optionalLimitSchema.unwrap();

export const descriptionSchema = z
  .string()
  .trim()
  .max(500, { error: 'description must be at most 500 characters' })
  .nullable()
  .transform((text) => (text ? text : null));

/** The services a key may write for: a list of service names, or null for any (the old service's rule and the default). */
export const allowedServicesSchema = z
  .array(serviceNameSchema)
  .min(1, { error: 'name at least one service, or allow any' })
  .max(100, { error: 'at most 100 services' })
  .transform((services) => [...new Set(services)].sort())
  .nullable();

export const newKeySchema = z.object({
  service: serviceNameSchema,
  // METRICS_RATE_LIMIT (default 1000), as the old service's keys had.
  rateLimit: rateLimitSchema.default(() => config().keys.defaultRateLimit),
  dailyUsageLimit: optionalLimitSchema.default(null),
  monthlyUsageLimit: optionalLimitSchema.default(null),
  description: descriptionSchema.default(null),
  isAdmin: z.boolean().default(false),
  allowedServices: allowedServicesSchema.default(null),
});
export type NewKeyInput = z.input<typeof newKeySchema>;

/** Fields left out keep their current value; null removes a daily/monthly limit. */
export const keyLimitsSchema = z
  .object({
    rateLimit: rateLimitSchema.optional(),
    dailyUsageLimit: optionalLimitSchema.optional(),
    monthlyUsageLimit: optionalLimitSchema.optional(),
  })
  .refine((limits) => Object.values(limits).some((v) => v !== undefined), { error: 'give at least one limit to change' });
export type KeyLimitsInput = z.input<typeof keyLimitsSchema>;

/** A key named by its id or by (the start of) its visible prefix, e.g. `12` or `mcp_metrics_Ab3dE`. */
export const keyRefSchema = z.union([
  z.number().int().positive(),
  z.string().trim().min(1, { error: 'name a key by its id or its prefix' }).max(100, { error: 'a key prefix is at most 100 characters' }),
]);
export type KeyRef = z.input<typeof keyRefSchema>;
