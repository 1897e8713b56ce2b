import { ENDPOINTS } from '@/lib/http/endpoints';
import { ingestKey } from '@/lib/http/keyed';
import { route } from '@/lib/http/route';
import { acceptMetrics } from '@/lib/ingest/accept';
import { metricsRequestShape } from '@/lib/ingest/validation';

export const dynamic = 'force-dynamic';

/** The gateway clients' ingestion endpoint: 200 only once the accepted metrics are committed. */
export const POST = route({ access: ingestKey(ENDPOINTS.metrics), body: metricsRequestShape }, async ({ actor, body }) => {
  const { result, metrics } = acceptMetrics(body, { allowedServices: actor.key.allowedServices });
  actor.stage(metrics);
  return result;
});
