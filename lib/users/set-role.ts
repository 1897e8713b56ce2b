import { writeTransaction, type Db } from '../../db/client';
import { countAdminsWithRole, findAdminUserByEmail, updateAdminRole } from '../../db/queries/admin-users';
import { recordAudit } from '../audit/record';
import { UserError } from '../errors';
import { parseInput } from '../validation';
import { setRoleSchema } from './validation';

/** Changes a user's role and ends their sessions (they sign in again under the new role). The last admin stays an admin. */
export async function setRole(db: Db, input: { email: string; role: string }, actor: string): Promise<void> {
  const { email, role } = parseInput(setRoleSchema, input);
  await writeTransaction(db, async (tx) => {
    const before = await findAdminUserByEmail(tx, email);
    if (!before) throw new UserError(`no user with email ${email}`, 404);
    if (before.role === 'admin' && role !== 'admin' && (await countAdminsWithRole(tx, 'admin')) === 1) {
      throw new UserError(`${email} is the only admin; make another user an admin first`, 409);
    }
    await updateAdminRole(tx, email, role);
    await recordAudit(tx, { actor, action: 'user.set_role', target: email, before: { role: before.role }, after: { role } });
  });
}
