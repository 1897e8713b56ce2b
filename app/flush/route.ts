import { ENDPOINTS } from '@/lib/http/endpoints';
import { serveKeyed } from '@/lib/http/keyed';

export const dynamic = 'force-dynamic';

/** Kept for old clients. There is no buffer: a metric is committed before its 200 is sent. */
export function POST(request: Request): Promise<Response> {
  return serveKeyed(request, ENDPOINTS.flush, async () => ({
    response: Response.json({ status: 'success', message: 'Nothing to flush: acknowledged metrics are already committed' }),
  }));
}
