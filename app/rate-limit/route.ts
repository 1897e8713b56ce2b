import { ENDPOINTS } from '@/lib/http/endpoints';
import { ingestKey } from '@/lib/http/keyed';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** The key's token bucket, read without taking a token. */
export const GET = route({ access: ingestKey(ENDPOINTS.rateLimit) }, async ({ actor: { key, bucket } }) => ({
  service: key.serviceName,
  rate_limit: bucket.limit,
  available_tokens: bucket.remaining,
  reset_time_seconds: bucket.resetSeconds,
}));
