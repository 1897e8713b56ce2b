import { serviceInfo } from '@/lib/http/service_info';

export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json(serviceInfo());
}
