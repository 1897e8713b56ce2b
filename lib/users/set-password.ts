import type { Sqlite } from '../../db/connection';
import { updateAdminPassword } from '../../db/queries/admin-users';
import { recordAudit } from '../audit/record';
import { UserError } from '../errors';
import { parseInput } from '../validation';
import { hashPassword } from './password';
import { setPasswordSchema } from './validation';

export async function setPassword(db: Sqlite, input: { email: string; password: string }, actor: string): Promise<void> {
  const { email, password } = parseInput(setPasswordSchema, input);
  const passwordHash = await hashPassword(password);
  db.transaction(() => {
    if (!updateAdminPassword(db, email, passwordHash)) throw new UserError(`no user with email ${email}`, 404);
    // The audit row says that the password changed, never what to.
    recordAudit(db, { actor, action: 'user.set_password', target: email });
  })();
}
