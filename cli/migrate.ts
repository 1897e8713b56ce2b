import path from 'node:path';
import readline from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { databasePath, openDatabase } from '../db/connection';
import { createMigration } from '../lib/migrate/create';
import { migrateDown } from '../lib/migrate/down';
import { DEFAULT_MIGRATIONS_DIR, loadMigrations } from '../lib/migrate/load';
import { migrationLabel, migrationStatus } from '../lib/migrate/status';
import { migrateUp } from '../lib/migrate/up';
import { CliError, wholeNumber } from './errors';

const USAGE = 'usage: migrate status | up [--to N] | down N [--yes] | list | create NAME   (options: --dir DIR, --db FILE)';

async function confirm(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { to: { type: 'string' }, yes: { type: 'boolean', short: 'y' }, dir: { type: 'string' }, db: { type: 'string' } },
  });
  const [verb, arg, ...extra] = positionals;
  const dir = path.resolve(values.dir ?? DEFAULT_MIGRATIONS_DIR);
  if (extra.length) throw new CliError(`unexpected arguments: ${extra.join(' ')}\n${USAGE}`);

  if (verb === 'create') {
    if (!arg) throw new CliError(`create needs a NAME\n${USAGE}`);
    console.log(`created ${path.relative(process.cwd(), createMigration(arg, dir))}`);
    return 0;
  }
  if (!['status', 'up', 'down', 'list'].includes(verb ?? '')) throw new CliError(`${verb ? `unknown verb "${verb}"` : 'missing verb'}\n${USAGE}`);
  if (verb !== 'down' && arg) throw new CliError(`"${verb}" takes no argument, got "${arg}"\n${USAGE}`);
  if (values.to !== undefined && verb !== 'up') throw new CliError(`--to goes with "up"\n${USAGE}`);

  const migrations = await loadMigrations(dir);
  const file = path.resolve(values.db ?? databasePath());
  const db = openDatabase(file);
  try {
    const status = migrationStatus(db, migrations);
    switch (verb) {
      case 'list':
        for (const m of migrations) {
          const applied = status.applied.find((a) => a.version === m.version);
          console.log(`${applied ? 'applied' : 'pending'}  ${migrationLabel(m)}${applied ? `  (${applied.appliedAt})` : ''}`);
        }
        return 0;
      case 'status':
        console.log(`database: ${file}`);
        console.log(`current version: ${status.current}`);
        console.log(status.pending.length ? `pending: ${status.pending.map(migrationLabel).join(', ')}` : 'pending: none');
        for (const problem of status.problems) console.log(`problem: ${problem}`);
        return status.problems.length ? 1 : 0;
      case 'up': {
        const applied = migrateUp(db, migrations, { to: values.to === undefined ? undefined : wholeNumber(values.to, '--to') });
        for (const m of applied) console.log(`applied ${migrationLabel(m)}`);
        console.log(applied.length ? `now at version ${applied.at(-1)!.version}` : `nothing to apply; at version ${status.current}`);
        return 0;
      }
      case 'down': {
        const target = wholeNumber(arg, 'down target version');
        if (target < status.current && process.stdin.isTTY && !values.yes) {
          if (!(await confirm(`Revert ${file} from version ${status.current} to ${target}? Data in dropped tables is lost.`))) {
            console.log('cancelled; nothing changed');
            return 1;
          }
        }
        const reverted = migrateDown(db, migrations, target);
        for (const m of reverted) console.log(`reverted ${migrationLabel(m)}`);
        console.log(`now at version ${target}`);
        return 0;
      }
    }
    return 2;
  } finally {
    db.close();
  }
}
