import { z } from 'zod';
import { adminKeyOrSession } from '@/auth/access';
import { route } from '@/lib/http/route';
import { keyJson } from '@/lib/keys/json';
import { setAllowedServices } from '@/lib/keys/set-allowed-services';
import { allowedServicesSchema } from '@/lib/keys/validation';
import { wholeNumberSchema } from '@/lib/validation';

export const dynamic = 'force-dynamic';

/** Sets the services key `id` may write metrics for: `{"services": ["auth-server", ...]}`, or `{"services": null}` for any. */
export const PUT = route(
  {
    access: adminKeyOrSession,
    params: z.object({ id: wholeNumberSchema('a key id is a whole number') }),
    body: z.object({ services: allowedServicesSchema }),
  },
  async ({ db, actor, params, body }) => keyJson(await setAllowedServices(db, params.id, body.services, actor)),
);
