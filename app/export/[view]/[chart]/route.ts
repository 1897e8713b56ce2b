import { requireRole } from '@/auth/session';
import { getDatabase } from '@/db/connection';
import { chartCsv } from '@/lib/dashboard/chart-csv';
import { csvHeaders } from '@/lib/dashboard/csv';
import { handle } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

/** GET /export/<view>/<chart>?<the page's query>: the aggregates a chart shows, as CSV. */
export async function GET(request: Request, { params }: { params: Promise<{ view: string; chart: string }> }): Promise<Response> {
  return handle(async () => {
    await requireRole('viewer');
    const { view, chart } = await params;
    const { filename, body } = chartCsv(getDatabase(), view, chart, new URL(request.url).searchParams, new Date());
    return new Response(body, { headers: csvHeaders(filename) });
  });
}
