import { checkDatabase } from '../lib/integrity/check';
import { recoverDatabase } from '../lib/integrity/recover';
import { DB_OPTION, databaseFile } from './database';
import { CliError } from './errors';
import { commandGroup, verb } from './verbs';

export const run = commandGroup(
  'db',
  {
    check: verb({
      usage: '',
      options: DB_OPTION,
      run: async ({ values }) => {
        const report = await checkDatabase(databaseFile(values.db, 'db check of a PostgreSQL database is not built yet'));
        console.log(`database: ${report.file}`);
        console.log(`integrity_check: ${report.integrity.length ? `${report.integrity.length} problem(s)` : 'ok'}`);
        for (const problem of report.integrity) console.log(`  ${problem}`);
        console.log(`foreign_key_check: ${report.foreignKeys.length ? `${report.foreignKeys.length} row(s) point at missing parents` : 'ok'}`);
        for (const fk of report.foreignKeys.slice(0, 50)) console.log(`  ${fk.table} rowid ${fk.rowid} -> ${fk.parent}`);
        if (!report.ok) console.log(`to rebuild from what can be read: npm run db -- recover --out NEW_FILE`);
        return report.ok ? 0 : 1;
      },
    }),
    recover: verb({
      usage: '--out PATH',
      options: { ...DB_OPTION, out: { type: 'string' } },
      run: async ({ values }) => {
        if (!values.out) throw new CliError('recover needs --out PATH (a new file; the damaged one is only read)');
        const report = await recoverDatabase(
          databaseFile(
            values.db,
            'db recover rebuilds a damaged SQLite file and works on SQLite only; on PostgreSQL restore the latest backup (npm run backup -- restore FILE) or use the server\'s own recovery (point-in-time recovery from WAL archives, pg_amcheck to find damage)',
          ),
          values.out,
        );
        for (const t of report.tables) {
          const lost = t.unreadable.length ? `, unreadable rowids ${t.unreadable.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(', ')}` : '';
          console.log(`  ${t.table}: ${t.recovered} rows${lost}`);
        }
        for (const problem of report.schemaErrors) console.log(`  not recreated: ${problem}`);
        console.log(`recovered into ${report.out}: integrity ${report.integrity.length ? report.integrity.join('; ') : 'ok'}`);
        console.log('check it, then stop the server and move it into place (or back it up and restore it with "backup -- restore")');
        return report.integrity.length ? 1 : 0;
      },
    }),
  },
  'option of every verb: --db FILE|URL, default DATABASE_URL, else SQLITE_DB_PATH',
);
