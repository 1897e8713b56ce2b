import { writeTransaction, type Db, type Tx } from '../../db/client';
import { insertAdminUser, type AdminUser, type Role } from '../../db/queries/admin-users';
import { recordAudit } from '../audit/record';
import { UserError } from '../errors';
import { parseInput } from '../validation';
import { hashPassword } from './password';
import { newUserSchema, type NewUser } from './validation';

/** A validated new user with the password hashed: ready to insert inside a transaction. */
export interface PreparedUser {
  email: string;
  role: Role;
  passwordHash: string;
}

/** Validates and hashes before any transaction: scrypt takes ~50 ms, and the write lock would be held all along. */
export async function prepareUser(input: NewUser): Promise<PreparedUser> {
  const user = parseInput(newUserSchema, input);
  return { email: user.email, role: user.role, passwordHash: await hashPassword(user.password) };
}

/** Inserts and audits the user; an email taken (also by a concurrent insert on another instance) is a 409. */
export async function insertUser(tx: Tx, user: PreparedUser, actor: string): Promise<AdminUser> {
  const created = await insertAdminUser(tx, user);
  if (!created) throw new UserError(`a user with email ${user.email} already exists`, 409);
  await recordAudit(tx, { actor, action: 'user.create', target: user.email, after: { email: user.email, role: user.role } });
  return created;
}

export async function createUser(db: Db, input: NewUser, actor: string): Promise<AdminUser> {
  const user = await prepareUser(input);
  return writeTransaction(db, (tx) => insertUser(tx, user, actor));
}
