import { requireRole } from '@/auth/session';
import { getDatabase } from '@/db/connection';
import { csvHeaders } from '@/lib/dashboard/csv';
import { explorerCsvStream } from '@/lib/dashboard/explorer-csv';
import { parseExplorerParams } from '@/lib/dashboard/validation';
import { handle } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

/** GET /export/explorer?<the explorer's query>: every raw metric the filters match, newest first, streamed as CSV. */
export async function GET(request: Request): Promise<Response> {
  return handle(async () => {
    await requireRole('viewer');
    const now = new Date();
    // All matching rows from the newest: a `cursor` in the URL (the page being viewed) is not a filter.
    const query = parseExplorerParams(new URL(request.url).searchParams, now);
    return new Response(explorerCsvStream(getDatabase(), query), { headers: csvHeaders(`metrics-${now.toISOString().slice(0, 16).replace(':', '')}Z.csv`) });
  });
}
