import { ENDPOINTS } from '@/lib/http/endpoints';
import { serveKeyed } from '@/lib/http/keyed';
import { parseJson } from '@/lib/http/parse';
import { parseInput } from '@/lib/validation';
import { acceptMetrics } from '@/lib/ingest/accept';
import { metricsRequestShape } from '@/lib/ingest/validation';

export const dynamic = 'force-dynamic';

/** The gateway clients' ingestion endpoint: 200 only once the accepted metrics are committed. */
export function POST(request: Request): Promise<Response> {
  return serveKeyed(request, ENDPOINTS.metrics, async ({ readBody }) => {
    const body = parseInput(metricsRequestShape, parseJson(await readBody()), 'body');
    const { result, metrics } = acceptMetrics(body);
    return { response: Response.json(result), metrics };
  });
}
