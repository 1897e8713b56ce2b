import { adminKeyOrSession } from '@/auth/access';
import { route } from '@/lib/http/route';
import { keyJson } from '@/lib/keys/json';
import { listApiKeys } from '@/lib/keys/list';

export const dynamic = 'force-dynamic';

/** Every API key with its settings and use (never a hash or plaintext). */
export const GET = route({ access: adminKeyOrSession }, async ({ db }) => ({ keys: (await listApiKeys(db.longReads)).map(keyJson) }));
