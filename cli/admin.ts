import path from 'node:path';
import { parseArgs } from 'node:util';
import { databasePath, openDatabase } from '../db/connection';
import { cliActor } from '../lib/audit/record';
import { loadMigrations } from '../lib/migrate/load';
import { migrationStatus } from '../lib/migrate/status';
import { createUser } from '../lib/users/create';
import { listUsers } from '../lib/users/list';
import { setPassword } from '../lib/users/set-password';
import { CliError } from './errors';
import { readNewPassword } from './password-input';

const USAGE = [
  'usage: admin create EMAIL [--role admin|viewer] | set-password EMAIL | list   (option: --db FILE)',
  'The password is asked on a terminal, or read from the first line of standard input.',
].join('\n');

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { role: { type: 'string' }, db: { type: 'string' } } });
  const [verb, email, ...extra] = positionals;
  if (extra.length) throw new CliError(`unexpected arguments: ${extra.join(' ')}\n${USAGE}`);
  if (!['create', 'set-password', 'list'].includes(verb ?? '')) throw new CliError(`${verb ? `unknown verb "${verb}"` : 'missing verb'}\n${USAGE}`);
  if (verb === 'list' ? email : !email) throw new CliError(`${verb === 'list' ? '"list" takes no EMAIL' : `${verb} needs an EMAIL`}\n${USAGE}`);
  if (values.role !== undefined && verb !== 'create') throw new CliError(`--role goes with "create"\n${USAGE}`);

  const file = path.resolve(values.db ?? databasePath());
  const db = openDatabase(file);
  try {
    if (migrationStatus(db, await loadMigrations()).pending.length) {
      throw new CliError(`${file} is not fully migrated; run "npm run migrate -- up" (or "npm start") first`);
    }
    switch (verb) {
      case 'list': {
        const users = listUsers(db);
        if (!users.length) console.log('no users yet (npm start creates the first admin)');
        for (const u of users) console.log(`${u.email}  ${u.role}  created ${u.createdAt}  last sign-in ${u.lastLoginAt ?? 'never'}`);
        return 0;
      }
      case 'create': {
        const user = await createUser(db, { email: email!, password: await readNewPassword(), role: values.role ?? 'viewer' }, cliActor());
        console.log(`created ${user.role} ${user.email}`);
        return 0;
      }
      case 'set-password':
        await setPassword(db, { email: email!, password: await readNewPassword() }, cliActor());
        console.log(`password of ${email} changed`);
        return 0;
    }
    return 2;
  } finally {
    db.close();
  }
}
