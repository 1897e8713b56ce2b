import type { Db } from '../db/client';
import { cliActor } from '../lib/audit/record';
import { migrationsFor } from '../lib/migrate/load';
import { migrationStatus } from '../lib/migrate/status';
import { createUser } from '../lib/users/create';
import { listUsers } from '../lib/users/list';
import { setPassword } from '../lib/users/set-password';
import { setRole } from '../lib/users/set-role';
import { DB_OPTION, withDatabase } from './database';
import { CliError } from './errors';
import { readNewPassword } from './password-input';
import { commandGroup, verb, type Arg } from './verbs';

const email: Arg = { name: 'EMAIL', what: 'an EMAIL' };

/** Users live in tables of the latest migrations: refuse, with the fix, a file that is not there yet. */
async function withMigratedDatabase(option: string | undefined, work: (db: Db) => Promise<void>): Promise<void> {
  await withDatabase(option, async (db) => {
    if ((await migrationStatus(db, await migrationsFor(db))).pending.length) {
      throw new CliError(`${db.location} is not fully migrated; run "npm run migrate -- up" (or "npm start") first`);
    }
    await work(db);
  });
}

export const run = commandGroup(
  'admin',
  {
    create: verb({
      usage: 'EMAIL [--role admin|viewer]',
      args: [email],
      options: { ...DB_OPTION, role: { type: 'string' } },
      run: ({ args: [address], values }) =>
        withMigratedDatabase(values.db, async (db) => {
          const user = await createUser(db, { email: address!, password: await readNewPassword(), role: values.role ?? 'viewer' }, cliActor());
          console.log(`created ${user.role} ${user.email}`);
        }),
    }),
    'set-password': verb({
      usage: 'EMAIL',
      args: [email],
      options: DB_OPTION,
      run: ({ args: [address], values }) =>
        withMigratedDatabase(values.db, async (db) => {
          await setPassword(db, { email: address!, password: await readNewPassword() }, cliActor());
          console.log(`password of ${address} changed`);
        }),
    }),
    'set-role': verb({
      usage: 'EMAIL admin|viewer',
      args: [email, { name: 'ROLE', what: 'a ROLE (admin or viewer)' }],
      options: DB_OPTION,
      run: ({ args: [address, role], values }) =>
        withMigratedDatabase(values.db, async (db) => {
          await setRole(db, { email: address!, role: role! }, cliActor());
          console.log(`${address} is now ${role}; their sessions have ended`);
        }),
    }),
    list: verb({
      usage: '',
      options: DB_OPTION,
      run: ({ values }) =>
        withMigratedDatabase(values.db, async (db) => {
          const users = await listUsers(db);
          if (!users.length) console.log('no users yet (npm start creates the first admin)');
          for (const u of users) console.log(`${u.email}  ${u.role}  created ${u.createdAt}  last sign-in ${u.lastLoginAt ?? 'never'}`);
        }),
    }),
  },
  'option of every verb: --db FILE. The password is asked on a terminal, or read from the first line of standard input.',
);
