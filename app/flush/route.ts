import { ENDPOINTS } from '@/lib/http/endpoints';
import { ingestKey } from '@/lib/http/keyed';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** Kept for old clients. There is no buffer: a metric is committed before its 200 is sent. */
export const POST = route({ access: ingestKey(ENDPOINTS.flush) }, async () => ({
  status: 'success',
  message: 'Nothing to flush: acknowledged metrics are already committed',
}));
