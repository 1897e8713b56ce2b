import { databaseAnswers } from '@/db/queries/health';
import { anyone, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = route({ access: anyone }, async ({ db }) => {
  const healthy = await databaseAnswers(db);
  return Response.json({ status: healthy ? 'healthy' : 'unhealthy', service: 'metrics-collection' }, { status: healthy ? 200 : 503 });
});
