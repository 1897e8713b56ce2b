import { databaseAnswers } from '@/db/queries/health';

export const dynamic = 'force-dynamic';

export function GET(): Response {
  const healthy = databaseAnswers();
  return Response.json({ status: healthy ? 'healthy' : 'unhealthy', service: 'metrics-collection' }, { status: healthy ? 200 : 503 });
}
