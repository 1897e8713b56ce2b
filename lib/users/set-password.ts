import { writeTransaction, type Db } from '../../db/client';
import { updateAdminPassword } from '../../db/queries/admin-users';
import { recordAudit } from '../audit/record';
import { UserError } from '../errors';
import { parseInput } from '../validation';
import { hashPassword } from './password';
import { setPasswordSchema } from './validation';

export async function setPassword(db: Db, input: { email: string; password: string }, actor: string): Promise<void> {
  const { email, password } = parseInput(setPasswordSchema, input);
  const passwordHash = await hashPassword(password);
  await writeTransaction(db, async (tx) => {
    if (!(await updateAdminPassword(tx, email, passwordHash))) throw new UserError(`no user with email ${email}`, 404);
    // The audit row says that the password changed, never what to.
    await recordAudit(tx, { actor, action: 'user.set_password', target: email });
  });
}
