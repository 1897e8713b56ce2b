import type { Db } from '../../db/client';
import { acceptMetrics } from '../../lib/ingest/accept';
import { commitWrites } from '../../lib/ingest/commit';
import { metricsRequestShape } from '../../lib/ingest/validation';

/** Stores metrics exactly as POST /metrics would (raw row, specialized row, rollups), without HTTP or a key. */
export async function ingest(db: Db, service: string, metrics: Record<string, unknown>[], now = Date.now()): Promise<void> {
  const { result, metrics: accepted } = acceptMetrics(metricsRequestShape.parse({ service, metrics }), { now });
  if (result.rejected) throw new Error(`test metrics rejected: ${result.errors.join('; ')}`);
  await commitWrites(db, [{ metrics: accepted, usage: null }]);
}
