import { z } from 'zod';
import { METRIC_TYPES } from '../ingest/validation';
import { serviceNameSchema } from '../keys/validation';
import { flagSchema } from '../retention/validation';
import { wholeNumberSchema } from '../validation';
import { ALERT_CONDITION_NAMES, MAX_WINDOW_MINUTES } from './conditions';

/** A number as JSON sends it, or as a form field does: digits with an optional decimal part, nothing else. */
const thresholdSchema = z
  .union(
    [
      z.number(),
      z
        .string()
        .trim()
        .regex(/^\d+(\.\d+)?$/)
        .transform(Number),
    ],
    { error: 'threshold must be a number such as 5 or 2.5' },
  )
  .pipe(
    z
      .number({ error: 'threshold must be a number such as 5 or 2.5' })
      .min(0, { error: 'threshold must be at least 0' })
      .max(1e9, { error: 'threshold must be at most 1000000000' }),
  );

/** Where notifications go: an http or https URL; a redirect to another host is never followed (see deliver.ts). */
export const webhookUrlSchema = z
  .string({ error: 'webhook URL is required' })
  .trim()
  .min(1, { error: 'webhook URL is required' })
  .max(2000, { error: 'webhook URL must be at most 2000 characters' })
  .refine(
    (text) => {
      try {
        const url = new URL(text);
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
      } catch {
        return false;
      }
    },
    { error: 'webhook URL must be an http:// or https:// URL' },
  );

/** A rule's id, as a path segment or query parameter sends it. */
export const alertRuleIdSchema = wholeNumberSchema('a rule id is a whole number');

const ruleShape = z.object({
  name: z.string({ error: 'name is required' }).trim().min(1, { error: 'name is required' }).max(100, { error: 'name must be at most 100 characters' }),
  service: serviceNameSchema,
  // Strings in, checked against the lists: what forms and JSON send.
  metricType: z.string({ error: 'metric type is required' }).pipe(z.enum(METRIC_TYPES, { error: `metric type must be one of ${METRIC_TYPES.join(', ')}` })),
  condition: z
    .string({ error: 'condition is required' })
    .pipe(z.enum(ALERT_CONDITION_NAMES, { error: `condition must be one of ${ALERT_CONDITION_NAMES.join(', ')}` })),
  threshold: thresholdSchema,
  windowMinutes: wholeNumberSchema('window must be a whole number of minutes').pipe(
    z
      .number()
      .min(1, { error: 'window must be at least 1 minute' })
      .max(MAX_WINDOW_MINUTES, { error: `window must be at most ${MAX_WINDOW_MINUTES} minutes` }),
  ),
  webhookUrl: webhookUrlSchema,
  enabled: flagSchema,
});

/** A whole rule, as a form, the admin API or a merged update gives it. */
export const alertRuleSchema = ruleShape
  .extend({ enabled: flagSchema.default(true) })
  .refine((rule) => rule.condition !== 'error_rate_pct' || rule.threshold <= 100, {
    error: 'an error rate threshold is a percentage: at most 100',
    path: ['threshold'],
  });
export type AlertRuleInput = z.input<typeof alertRuleSchema>;

/** The fields an update changes; the others keep their values. */
export const alertRuleChangesSchema = ruleShape.partial().refine((changes) => Object.values(changes).some((v) => v !== undefined), {
  error: 'give at least one field to change',
});
export type AlertRuleChanges = z.input<typeof alertRuleChangesSchema>;

/** The admin API's spelling of a rule (snake_case, as its other endpoints), validated where the client sent each field. */
const bodyShape = z.object({
  name: ruleShape.shape.name,
  service: ruleShape.shape.service,
  metric_type: ruleShape.shape.metricType,
  condition: ruleShape.shape.condition,
  threshold: ruleShape.shape.threshold,
  window_minutes: ruleShape.shape.windowMinutes,
  webhook_url: ruleShape.shape.webhookUrl,
  enabled: ruleShape.shape.enabled,
});
type Body = Partial<z.output<typeof bodyShape>>;
const fromBody = ({ metric_type, window_minutes, webhook_url, ...rest }: Body): Partial<z.output<typeof ruleShape>> => ({
  ...rest,
  metricType: metric_type,
  windowMinutes: window_minutes,
  webhookUrl: webhook_url,
});

export const alertRuleBodySchema = bodyShape
  .extend({ enabled: flagSchema.default(true) })
  .refine((rule) => rule.condition !== 'error_rate_pct' || rule.threshold <= 100, {
    error: 'an error rate threshold is a percentage: at most 100',
    path: ['threshold'],
  })
  .transform((body) => fromBody(body) as AlertRuleInput);

export const alertRuleChangesBodySchema = bodyShape
  .partial()
  .refine((changes) => Object.values(changes).some((v) => v !== undefined), { error: 'give at least one field to change' })
  .transform((body) => Object.fromEntries(Object.entries(fromBody(body)).filter(([, v]) => v !== undefined)) as AlertRuleChanges);
