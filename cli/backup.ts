import { createBackup } from '../lib/backup/create';
import { restoreBackup } from '../lib/backup/restore';
import { verifyBackup } from '../lib/backup/verify';
import { DB_OPTION, databaseFile } from './database';
import { CliError, wholeNumber } from './errors';
import { commandGroup, verb, type Arg } from './verbs';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

function printCounts(counts: Record<string, number>): void {
  const width = Math.max(0, ...Object.keys(counts).map((t) => t.length));
  for (const [table, rows] of Object.entries(counts)) console.log(`  ${table.padEnd(width)}  ${rows}`);
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
        const result = await createBackup({ database: databaseFile(values.db, 'backups of a PostgreSQL database are not built yet'), outDir: values.out, keep });
        console.log(`backup ${result.file}`);
        console.log(
          `size ${megabytes(result.bytes)} gzipped (database ${megabytes(result.databaseBytes)}), schema version ${result.schemaVersion}, integrity ok`,
        );
        console.log('rows:');
        printCounts(result.rowCounts);
        for (const pruned of result.pruned) console.log(`pruned ${pruned}`);
      },
    }),
    verify: verb({
      usage: 'FILE',
      args: [file],
      run: async ({ args: [backup] }) => {
        const report = await verifyBackup(backup!);
        console.log(`${report.file}: integrity ok, schema version ${report.schemaVersion}, database ${megabytes(report.bytes)}`);
        printCounts(report.rowCounts);
      },
    }),
    restore: verb({
      usage: 'FILE [--to PATH]',
      args: [file],
      options: { ...DB_OPTION, to: { type: 'string' } },
      run: async ({ args: [backup], values }) => {
        const result = await restoreBackup(backup!, { to: databaseFile(values.to ?? values.db, 'backups of a PostgreSQL database are not built yet') });
        console.log(`restored ${backup} to ${result.database}`);
        if (result.previous) console.log(`the replaced database was kept as ${result.previous}`);
        for (const m of result.appliedMigrations) console.log(`applied migration ${m}`);
        printCounts(result.rowCounts);
      },
    }),
  },
  'option: --db FILE, the database backed up or replaced',
);
