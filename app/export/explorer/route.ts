import { signedIn } from '@/auth/access';
import { csvHeaders } from '@/lib/dashboard/csv';
import { explorerCsvStream } from '@/lib/dashboard/explorer-csv';
import { parseExplorerParams } from '@/lib/dashboard/validation';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** GET /export/explorer?<the explorer's query>: every raw metric the filters match, newest first, streamed as CSV. */
export const GET = route({ access: signedIn('viewer') }, async ({ request, db }) => {
  const now = new Date();
  // All matching rows from the newest: a `cursor` in the URL (the page being viewed) is not a filter.
  const query = parseExplorerParams(new URL(request.url).searchParams, now);
  return new Response(explorerCsvStream(db, query), { headers: csvHeaders(`metrics-${now.toISOString().slice(0, 16).replace(':', '')}Z.csv`) });
});
