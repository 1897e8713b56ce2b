import { cliActor } from '../lib/audit/record';
import { rebuildRollups } from '../lib/rollups/rebuild';
import { DB_OPTION, withDatabase } from './database';
import { commandGroup, verb } from './verbs';

export const run = commandGroup(
  'rollup',
  {
    rebuild: verb({
      usage: '[--from YYYY-MM-DD] [--to YYYY-MM-DD]',
      options: { ...DB_OPTION, from: { type: 'string' }, to: { type: 'string' } },
      run: ({ values }) =>
        withDatabase(values.db, async (db) => {
          const started = Date.now();
          const result = await rebuildRollups(db, { from: values.from, to: values.to }, cliActor());
          console.log(
            `rebuilt hourly and daily rollups of ${result.daysRebuilt} days in ${result.from} .. ${result.to} from ${result.metrics} metrics in ${Date.now() - started} ms`,
          );
          if (result.daysKept.length) {
            console.log(
              `kept ${result.daysKept.length} days whose raw metrics were partly deleted (retention), so their rollups are the only full record: ${result.daysKept.join(', ')}`,
            );
          }
        }),
    }),
  },
  'whole UTC days, both included; option: --db FILE',
);
