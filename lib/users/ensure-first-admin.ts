import { randomBytes } from 'node:crypto';
import { writeTransaction, type Db } from '../../db/client';
import { countAdminsWithRole } from '../../db/queries/admin-users';
import { lockForTransaction } from '../../db/queries/locks';
import { insertUser, prepareUser } from './create';

export const DEFAULT_ADMIN_EMAIL = 'admin@localhost';

export type FirstAdmin = { created: false } | { created: true; email: string; generatedPassword?: string };

/**
 * Creates the first admin when there is none: from ADMIN_EMAIL/ADMIN_PASSWORD when set, otherwise
 * admin@localhost (or ADMIN_EMAIL) with a random password that the caller shows once. Instances
 * starting together on one database: one creates it, the others find it there.
 */
export async function ensureFirstAdmin(db: Db, env: Readonly<Record<string, string | undefined>>, actor: string): Promise<FirstAdmin> {
  if ((await countAdminsWithRole(db, 'admin')) > 0) return { created: false };
  const email = env.ADMIN_EMAIL?.trim() || DEFAULT_ADMIN_EMAIL;
  const generatedPassword = env.ADMIN_PASSWORD ? undefined : randomBytes(12).toString('base64url');
  const user = await prepareUser({ email, password: env.ADMIN_PASSWORD ?? generatedPassword!, role: 'admin' });
  return writeTransaction(db, async (tx): Promise<FirstAdmin> => {
    await lockForTransaction(tx, 'first-admin');
    if ((await countAdminsWithRole(tx, 'admin')) > 0) return { created: false };
    return { created: true, email: (await insertUser(tx, user, actor)).email, generatedPassword };
  });
}
