import type { Sqlite } from '../../db/connection';
import { findAdminUserByEmail, insertAdminUser, type AdminUser } from '../../db/queries/admin-users';
import { recordAudit } from '../audit/record';
import { UserError } from '../errors';
import { parseInput } from '../validation';
import { hashPassword } from './password';
import { newUserSchema, type NewUser } from './validation';

export async function createUser(db: Sqlite, input: NewUser, actor: string): Promise<AdminUser> {
  const user = parseInput(newUserSchema, input);
  const passwordHash = await hashPassword(user.password);
  return db.transaction(() => {
    if (findAdminUserByEmail(db, user.email)) throw new UserError(`a user with email ${user.email} already exists`, 409);
    const created = insertAdminUser(db, { email: user.email, passwordHash, role: user.role });
    recordAudit(db, { actor, action: 'user.create', target: user.email, after: { email: user.email, role: user.role } });
    return created;
  })();
}
