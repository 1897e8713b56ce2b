import { createBackup } from '../lib/backup/create';
import { createPostgresBackup } from '../lib/backup/create-postgres';
import { backupEngine } from '../lib/backup/files';
import { restoreBackup } from '../lib/backup/restore';
import { restorePostgresBackup } from '../lib/backup/restore-postgres';
import { verifyBackup } from '../lib/backup/verify';
import { verifyPostgresBackup } from '../lib/backup/verify-postgres';
import { DB_OPTION, databaseTarget } from './database';
import { CliError, wholeNumber } from './errors';
import { commandGroup, verb, type Arg } from './verbs';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

function printCounts(counts: Record<string, number>): void {
  const width = Math.max(0, ...Object.keys(counts).map((t) => t.length));
  for (const [table, rows] of Object.entries(counts)) console.log(`  ${table.padEnd(width)}  ${rows}`);
}

/** A backup file goes back into the engine it came from: a pg_dump into PostgreSQL, a SQLite copy into a SQLite file. */
function requireSameEngine(file: string, fileEngine: 'sqlite' | 'postgres', targetEngine: 'sqlite' | 'postgres', option: string): void {
  if (fileEngine === targetEngine) return;
  throw new CliError(
    fileEngine === 'postgres'
      ? `${file} is a PostgreSQL dump (pg_dump custom format): ${option} must name a PostgreSQL database (postgres://…), or set DATABASE_URL`
      : `${file} is a SQLite backup: ${option} must name a SQLite file (backups do not move data between engines)`,
  );
}

const file: Arg = { name: 'FILE', what: 'a FILE' };

export const run = commandGroup(
  'backup',
  {
    create: verb({
      usage: '[--out DIR] [--keep N]',
      options: { ...DB_OPTION, out: { type: 'string' }, keep: { type: 'string' } },
      run: async ({ values }) => {
        const keep = values.keep === undefined ? undefined : wholeNumber(values.keep, '--keep');
        if (keep === 0) throw new CliError('--keep must be at least 1');
        const target = databaseTarget(values.db);
        const result =
          target.engine === 'postgres'
            ? await createPostgresBackup(target.url, { outDir: values.out, keep })
            : await createBackup({ database: target.file, outDir: values.out, keep });
        console.log(`backup ${result.file}`);
        console.log(
          target.engine === 'postgres'
            ? `size ${megabytes(result.bytes)} pg_dump custom format (database ${megabytes(result.databaseBytes)}), schema version ${result.schemaVersion}, verified: listed and restored into a scratch database`
            : `size ${megabytes(result.bytes)} gzipped (database ${megabytes(result.databaseBytes)}), schema version ${result.schemaVersion}, integrity ok`,
        );
        console.log('rows:');
        printCounts(result.rowCounts);
        for (const pruned of result.pruned) console.log(`pruned ${pruned}`);
      },
    }),
    verify: verb({
      usage: 'FILE',
      args: [file],
      options: DB_OPTION,
      run: async ({ args: [backup], values }) => {
        if (backupEngine(backup!) === 'sqlite') {
          const report = await verifyBackup(backup!);
          console.log(`${report.file}: integrity ok, schema version ${report.schemaVersion}, database ${megabytes(report.bytes)}`);
          printCounts(report.rowCounts);
          return;
        }
        const target = databaseTarget(values.db);
        if (target.engine !== 'postgres') {
          throw new CliError(
            `${backup} is a PostgreSQL dump (pg_dump custom format): verifying it restores it into a scratch database, which needs a PostgreSQL server: --db postgres://… or DATABASE_URL`,
          );
        }
        const report = await verifyPostgresBackup(backup!, target.url);
        console.log(
          `${report.file}: pg_dump custom format of ${report.database ?? '?'} (PostgreSQL ${report.serverVersion ?? '?'}), ${report.entries} entries listed; ` +
            `restored into a scratch database: schema version ${report.schemaVersion}, database ${megabytes(report.bytes)}`,
        );
        printCounts(report.rowCounts);
      },
    }),
    restore: verb({
      usage: 'FILE [--to PATH|URL]',
      args: [file],
      options: { ...DB_OPTION, to: { type: 'string' } },
      run: async ({ args: [backup], values }) => {
        const target = databaseTarget(values.to ?? values.db);
        requireSameEngine(backup!, backupEngine(backup!), target.engine, values.to ? '--to' : '--db');
        const result = target.engine === 'postgres' ? await restorePostgresBackup(backup!, target.url) : await restoreBackup(backup!, { to: target.file });
        console.log(`restored ${backup} to ${result.database}`);
        if (result.previous) console.log(`the replaced database was kept as ${result.previous}`);
        for (const m of result.appliedMigrations) console.log(`applied migration ${m}`);
        printCounts(result.rowCounts);
      },
    }),
  },
  'option: --db FILE|URL, the database backed up or replaced (default DATABASE_URL, else SQLITE_DB_PATH); verify takes it as the server a PostgreSQL dump is test-restored on',
);
