import path from 'node:path';
import { parseArgs } from 'node:util';
import { databasePath } from '../db/connection';
import { createBackup } from '../lib/backup/create';
import { restoreBackup } from '../lib/backup/restore';
import { verifyBackup } from '../lib/backup/verify';
import { CliError, wholeNumber } from './errors';

const USAGE = 'usage: backup create [--out DIR] [--keep N] | verify FILE | restore FILE [--to PATH]   (option: --db FILE)';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

function printCounts(counts: Record<string, number>): void {
  const width = Math.max(0, ...Object.keys(counts).map((t) => t.length));
  for (const [table, rows] of Object.entries(counts)) console.log(`  ${table.padEnd(width)}  ${rows}`);
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: 'string' }, keep: { type: 'string' }, to: { type: 'string' }, db: { type: 'string' } },
  });
  const [verb, file, ...extra] = positionals;
  if (extra.length) throw new CliError(`unexpected arguments: ${extra.join(' ')}\n${USAGE}`);
  const database = path.resolve(values.db ?? values.to ?? databasePath());
  switch (verb) {
    case 'create': {
      if (file) throw new CliError(`create takes no FILE (use --out DIR)\n${USAGE}`);
      const keep = values.keep === undefined ? undefined : wholeNumber(values.keep, '--keep');
      if (keep === 0) throw new CliError('--keep must be at least 1');
      const result = await createBackup({ database, outDir: values.out, keep });
      console.log(`backup ${result.file}`);
      console.log(
        `size ${megabytes(result.bytes)} gzipped (database ${megabytes(result.databaseBytes)}), schema version ${result.schemaVersion}, integrity ok`,
      );
      console.log('rows:');
      printCounts(result.rowCounts);
      for (const pruned of result.pruned) console.log(`pruned ${pruned}`);
      return 0;
    }
    case 'verify': {
      if (!file) throw new CliError(`verify needs a FILE\n${USAGE}`);
      const report = await verifyBackup(file);
      console.log(`${report.file}: integrity ok, schema version ${report.schemaVersion}, database ${megabytes(report.bytes)}`);
      printCounts(report.rowCounts);
      return 0;
    }
    case 'restore': {
      if (!file) throw new CliError(`restore needs a FILE\n${USAGE}`);
      const result = await restoreBackup(file, { to: database });
      console.log(`restored ${file} to ${result.database}`);
      if (result.previous) console.log(`the replaced database was kept as ${result.previous}`);
      for (const m of result.appliedMigrations) console.log(`applied migration ${m}`);
      printCounts(result.rowCounts);
      return 0;
    }
    default:
      throw new CliError(`${verb ? `unknown verb "${verb}"` : 'missing verb'}\n${USAGE}`);
  }
}
