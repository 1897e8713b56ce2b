import path from 'node:path';
import { parseArgs } from 'node:util';
import { databasePath, openDatabase } from '../db/connection';
import { cliActor } from '../lib/audit/record';
import { rebuildRollups } from '../lib/rollups/rebuild';
import { CliError } from './errors';

const USAGE = 'usage: rollup rebuild [--from YYYY-MM-DD] [--to YYYY-MM-DD]   (whole UTC days, both included; option: --db FILE)';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { from: { type: 'string' }, to: { type: 'string' }, db: { type: 'string' } },
  });
  const [verb, ...extra] = positionals;
  if (verb !== 'rebuild') throw new CliError(`${verb ? `unknown verb "${verb}"` : 'missing verb'}\n${USAGE}`);
  if (extra.length) throw new CliError(`unexpected arguments: ${extra.join(' ')}\n${USAGE}`);
  const db = openDatabase(path.resolve(values.db ?? databasePath()));
  try {
    const started = Date.now();
    const result = rebuildRollups(db, { from: values.from, to: values.to }, cliActor());
    console.log(
      `rebuilt hourly and daily rollups of ${result.daysRebuilt} days in ${result.from} .. ${result.to} from ${result.metrics} metrics in ${Date.now() - started} ms`,
    );
    if (result.daysKept.length) {
      console.log(
        `kept ${result.daysKept.length} days whose raw metrics were partly deleted (retention), so their rollups are the only full record: ${result.daysKept.join(', ')}`,
      );
    }
    return 0;
  } finally {
    db.close();
  }
}
