import { ENDPOINTS } from '@/lib/http/endpoints';
import { serveKeyed } from '@/lib/http/keyed';

export const dynamic = 'force-dynamic';

/** The key's token bucket, read without taking a token. */
export function GET(request: Request): Promise<Response> {
  return serveKeyed(request, ENDPOINTS.rateLimit, async ({ key, bucket }) => ({
    response: Response.json({
      service: key.serviceName,
      rate_limit: bucket.limit,
      available_tokens: bucket.remaining,
      reset_time_seconds: bucket.resetSeconds,
    }),
  }));
}
