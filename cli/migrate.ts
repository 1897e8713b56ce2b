import path from 'node:path';
import readline from 'node:readline/promises';
import type { Db } from '../db/client';
import { createMigration } from '../lib/migrate/create';
import { migrateDown } from '../lib/migrate/down';
import { loadMigrations, migrationsDir } from '../lib/migrate/load';
import { migrationStatus, type MigrationStatus } from '../lib/migrate/status';
import { migrationLabel, type Migration } from '../lib/migrate/migration';
import { migrateUp } from '../lib/migrate/up';
import { DB_OPTION, withDatabase } from './database';
import { wholeNumber } from './errors';
import { commandGroup, verb } from './verbs';

const DIR_OPTION = { dir: { type: 'string' } } as const;

async function confirm(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

type Work = (input: { db: Db; migrations: Migration[]; status: MigrationStatus }) => Promise<number | void>;

/** The migrations of `--dir`, and the status of the `--db` database against them. */
async function withStatus(values: { db?: string; dir?: string }, work: Work): Promise<number | void> {
  return withDatabase(values.db, async (db) => {
    const migrations = await loadMigrations(path.resolve(values.dir ?? migrationsDir(db.engine)));
    return work({ db, migrations, status: await migrationStatus(db, migrations) });
  });
}

export const run = commandGroup(
  'migrate',
  {
    status: verb({
      usage: '',
      options: { ...DB_OPTION, ...DIR_OPTION },
      run: ({ values }) =>
        withStatus(values, async ({ db, status }) => {
          console.log(`database: ${db.location}`);
          console.log(`current version: ${status.current}`);
          console.log(status.pending.length ? `pending: ${status.pending.map(migrationLabel).join(', ')}` : 'pending: none');
          for (const problem of status.problems) console.log(`problem: ${problem}`);
          return status.problems.length ? 1 : 0;
        }),
    }),
    up: verb({
      usage: '[--to N]',
      options: { ...DB_OPTION, ...DIR_OPTION, to: { type: 'string' } },
      run: ({ values }) =>
        withStatus(values, async ({ db, migrations, status }) => {
          const applied = await migrateUp(db, migrations, { to: values.to === undefined ? undefined : wholeNumber(values.to, '--to') });
          for (const m of applied) console.log(`applied ${migrationLabel(m)}`);
          console.log(applied.length ? `now at version ${applied.at(-1)!.version}` : `nothing to apply; at version ${status.current}`);
        }),
    }),
    down: verb({
      usage: 'N [--yes]',
      args: [{ name: 'N', what: 'a target version N' }],
      options: { ...DB_OPTION, ...DIR_OPTION, yes: { type: 'boolean', short: 'y' } },
      run: ({ args: [version], values }) =>
        withStatus(values, async ({ db, migrations, status }) => {
          const target = wholeNumber(version, 'down target version');
          if (target < status.current && process.stdin.isTTY && !values.yes) {
            if (!(await confirm(`Revert ${db.location} from version ${status.current} to ${target}? Data in dropped tables is lost.`))) {
              console.log('cancelled; nothing changed');
              return 1;
            }
          }
          for (const m of await migrateDown(db, migrations, target)) console.log(`reverted ${migrationLabel(m)}`);
          console.log(`now at version ${target}`);
        }),
    }),
    list: verb({
      usage: '',
      options: { ...DB_OPTION, ...DIR_OPTION },
      run: ({ values }) =>
        withStatus(values, async ({ migrations, status }) => {
          for (const m of migrations) {
            const applied = status.applied.find((a) => a.version === m.version);
            console.log(`${applied ? 'applied' : 'pending'}  ${migrationLabel(m)}${applied ? `  (${applied.appliedAt})` : ''}`);
          }
        }),
    }),
    create: verb({
      usage: 'NAME',
      args: [{ name: 'NAME', what: 'a NAME' }],
      options: DIR_OPTION,
      run: async ({ args: [name], values }) => {
        for (const file of createMigration(name!, values.dir === undefined ? undefined : [path.resolve(values.dir)]))
          console.log(`created ${path.relative(process.cwd(), file)}`);
      },
    }),
  },
  'options: --dir DIR, and --db FILE but for create',
);
