import { openTarget, untilReachable, type DatabaseTarget } from '../db/target';
import { checkDatabase } from '../lib/integrity/check';
import { checkPostgresDatabase } from '../lib/integrity/check-postgres';
import { recoverDatabase } from '../lib/integrity/recover';
import { DB_OPTION, databaseFile, databaseTarget } from './database';
import { CliError } from './errors';
import { commandGroup, verb } from './verbs';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

function columns(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
}

/** `db check` on PostgreSQL: connectivity, versions, sizes and dead rows, partitions; exit 1 on a problem. */
async function checkPostgres(target: Extract<DatabaseTarget, { engine: 'postgres' }>): Promise<number> {
  const db = openTarget(target);
  try {
    console.log(`database: ${db.location}`);
    try {
      await untilReachable(db, target);
    } catch (error) {
      console.log(`connectivity: failed (${(error as Error).message})`);
      return 1;
    }
    const report = await checkPostgresDatabase(db);
    console.log(`connectivity: ok, ${report.serverVersion}, answered in ${report.answeredInMs.toFixed(1)} ms`);
    const pending = report.pendingMigrations;
    console.log(
      `schema version: ${report.schemaVersion}${pending.length ? `, ${pending.length} migration(s) pending: ${pending.join(', ')} (npm run migrate -- up)` : ' (up to date)'}`,
    );
    console.log('tables (size with indexes, TOAST and partitions; month partitions up to; live and dead rows as the statistics collector counts them):');
    const until = new Map(report.partitions.map((p) => [p.table, p.until]));
    const rows = report.tables.map((t) => [
      t.table,
      megabytes(t.bytes),
      t.partitions ? `${t.partitions} partitions` : '',
      until.has(t.table) ? `until ${until.get(t.table)?.slice(0, 10) ?? '(none)'}` : '',
      `${t.liveRows} live`,
      `${t.deadRows} dead${t.deadRows ? ` (${Math.round((100 * t.deadRows) / (t.deadRows + t.liveRows))}% of rows)` : ''}`,
    ]);
    for (const line of columns(rows)) console.log(`  ${line}`);
    const bloated = report.tables.filter((t) => t.bloated);
    console.log(
      `bloat: ${bloated.length ? `${bloated.length} table(s) over autovacuum's threshold (50 + 20% of live rows)` : "none over autovacuum's threshold"}`,
    );
    for (const t of bloated) {
      console.log(
        `  ${t.table}: ${t.deadRows} dead rows, last vacuumed ${t.lastVacuum ?? 'never'}; VACUUM (ANALYZE) ${t.table} reclaims them (is autovacuum on, or a long transaction open?)`,
      );
    }
    for (const problem of report.problems) console.log(`problem: ${problem}`);
    return report.ok ? 0 : 1;
  } finally {
    await db.close();
  }
}

export const run = commandGroup(
  'db',
  {
    check: verb({
      usage: '',
      options: DB_OPTION,
      run: async ({ values }) => {
        const target = databaseTarget(values.db);
        if (target.engine === 'postgres') return checkPostgres(target);
        const report = await checkDatabase(target.file);
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
            "db recover rebuilds a damaged SQLite file and works on SQLite only; on PostgreSQL restore the latest backup (npm run backup -- restore FILE) or use the server's own recovery (point-in-time recovery from WAL archives, pg_amcheck to find damage)",
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
