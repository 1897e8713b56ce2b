import { ENDPOINTS } from '@/lib/http/endpoints';
import { ingestKey } from '@/lib/http/keyed';
import { route } from '@/lib/http/route';
import { detail } from '@/lib/http/respond';
import { acceptMetrics } from '@/lib/ingest/accept';
import { metricsEnvelopeShape, metricsRequestOf } from '@/lib/ingest/validation';
import { prometheusScraper } from '@/lib/telemetry/scrape-access';
import { exposition } from '@/lib/telemetry/telemetry';
import { longestRetentionDays } from '@/lib/retention/longest-retention';

export const dynamic = 'force-dynamic';

/** The gateway clients' ingestion endpoint: 200 only once the accepted metrics are committed. */
export const POST = route({ access: ingestKey(ENDPOINTS.metrics), body: metricsEnvelopeShape }, async ({ actor, body, db }) => {
  const { result, metrics } = acceptMetrics(metricsRequestOf(body), { allowedServices: actor.key.allowedServices, keptDays: await longestRetentionDays(db) });
  actor.stage(metrics);
  return result;
});

/** The Prometheus exposition port 9465 serves, here for a scraper with PROMETHEUS_SCRAPE_TOKEN or an admin API key. */
export const GET = route({ access: prometheusScraper }, async () => {
  const text = await exposition();
  if (text === null) return detail(404, 'no series are recorded: telemetry is off (OTEL_SDK_DISABLED=true)');
  return new Response(text, { headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' } });
});
