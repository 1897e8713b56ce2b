import { writeTransaction, type Db } from '../../db/client';
import { findAdminUserByEmail, insertAdminUser, type AdminUser } from '../../db/queries/admin-users';
import { recordAudit } from '../audit/record';
import { UserError } from '../errors';
import { parseInput } from '../validation';
import { hashPassword } from './password';
import { newUserSchema, type NewUser } from './validation';

export async function createUser(db: Db, input: NewUser, actor: string): Promise<AdminUser> {
  const user = parseInput(newUserSchema, input);
  // Hashed before the transaction: scrypt takes ~50 ms, and the write lock would be held all along.
  const passwordHash = await hashPassword(user.password);
  return writeTransaction(db, async (tx) => {
    if (await findAdminUserByEmail(tx, user.email)) throw new UserError(`a user with email ${user.email} already exists`, 409);
    const created = await insertAdminUser(tx, { email: user.email, passwordHash, role: user.role });
    await recordAudit(tx, { actor, action: 'user.create', target: user.email, after: { email: user.email, role: user.role } });
    return created;
  });
}
