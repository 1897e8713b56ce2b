import { z } from 'zod';
import { signedIn } from '@/auth/access';
import { chartCsv } from '@/lib/dashboard/chart-csv';
import { csvHeaders } from '@/lib/dashboard/csv';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** GET /export/<view>/<chart>?<the page's query>: the aggregates a chart shows, as CSV. */
export const GET = route({ access: signedIn('viewer'), params: z.object({ view: z.string(), chart: z.string() }) }, async ({ request, db, params }) => {
  const { filename, body } = await chartCsv(db, params.view, params.chart, new URL(request.url).searchParams, new Date());
  return new Response(body, { headers: csvHeaders(filename) });
});
