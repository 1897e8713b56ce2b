import { serviceInfo } from '@/lib/http/service-info';

export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json(serviceInfo());
}
