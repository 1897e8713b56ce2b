import { z } from 'zod';
import type { Reader } from '../../db/client';
import { selectAdminActions, selectMetricAnnotations } from '../../db/queries/annotations';
import { parseInput } from '../validation';

/** The audit actions that mark a chart: retention runs and policy changes, key changes, rollup rebuilds, alert rule changes. */
export const MARKED_ACTIONS = ['retention.', 'api_key.', 'rollup.', 'alert_rule.'] as const;

const LABELS: Record<string, string> = {
  'retention.cleanup': 'Retention cleanup',
  'retention.policy.update': 'Retention policy changed',
  'api_key.create': 'API key created',
  'api_key.revoke': 'API key revoked',
  'api_key.reactivate': 'API key reactivated',
  'api_key.set_limits': 'API key limits changed',
  'api_key.set_services': 'API key services changed',
  'rollup.rebuild': 'Rollups rebuilt',
  'alert_rule.create': 'Alert rule created',
  'alert_rule.update': 'Alert rule changed',
  'alert_rule.delete': 'Alert rule deleted',
};

/** A marker on the time charts: an annotation a service sent (a deploy...), or an admin's action. */
export interface Annotation {
  /** ISO-8601 with Z. */
  at: string;
  kind: 'metric' | 'admin';
  /** What the marker says: the annotation's text (ingestion keeps dimension values to 200 characters), or the action in words. */
  text: string;
  /** The service that sent it (null for admin actions). */
  service: string | null;
  /** Admin actions: who, the audit action and its target. */
  actor: string | null;
  action: string | null;
  target: string | null;
}

export const MAX_ANNOTATIONS = 500;

const spanSchema = z
  .object({
    from: z.date(),
    to: z.date(),
    service: z.string().optional(),
    /** At most this many of each kind: the newest of the span. */
    limit: z.number().int().min(1).max(MAX_ANNOTATIONS).default(100),
  })
  .refine((span) => span.from < span.to, { error: '"to" must be after "from"', path: ['to'] });

/**
 * The markers of a span, oldest first: `custom` metrics with a text `dimensions.annotation` (of `service`
 * only, when given) and the admin actions of MARKED_ACTIONS, each kind bounded to the newest `limit`
 * and read by its index (idx_metrics_annotations, idx_audit_timestamp).
 */
export async function listAnnotations(db: Reader, input: z.input<typeof spanSchema>): Promise<Annotation[]> {
  const span = parseInput(spanSchema, input);
  const bounds = { from: span.from.toISOString(), to: span.to.toISOString(), service: span.service, limit: span.limit };
  const [metrics, actions] = await Promise.all([selectMetricAnnotations(db, bounds), selectAdminActions(db, bounds, MARKED_ACTIONS)]);
  const markers: (Annotation & { id: number })[] = [
    ...metrics.map((m) => ({
      id: 0,
      at: m.at,
      kind: 'metric' as const,
      text: m.text.trim(),
      service: m.service,
      actor: null,
      action: null,
      target: null,
    })),
    ...actions.map((a) => ({
      id: a.id,
      at: a.at,
      kind: 'admin' as const,
      text: `${LABELS[a.action] ?? a.action}${a.target ? `: ${a.target}` : ''}`,
      service: null,
      actor: a.actor,
      action: a.action,
      target: a.target,
    })),
  ];
  // Oldest first; audit rows of one instant in the order they were written.
  markers.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id));
  return markers.map(({ id: _, ...marker }) => marker);
}
