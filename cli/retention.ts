import { cliActor } from '../lib/audit/record';
import { applyRetentionCleanup, type CleanupProgress } from '../lib/retention/apply-cleanup';
import { getRetentionPolicies } from '../lib/retention/get-policies';
import { previewRetention } from '../lib/retention/preview';
import { updateRetentionPolicy } from '../lib/retention/update-policy';
import { DB_OPTION, withDatabase } from './database';
import { CliError } from './errors';
import { commandGroup, verb } from './verbs';

function table(rows: Record<string, unknown>[]): string {
  if (!rows.length) return '(none)';
  const keys = Object.keys(rows[0]!);
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(keys), ...rows.map((r) => line(keys.map((k) => String(r[k]))))].join('\n');
}

/** One line that rewrites itself on a terminal; elsewhere at most one line every few seconds. */
function progressPrinter(): { update: (p: CleanupProgress) => void; done: () => void } {
  const tty = process.stdout.isTTY;
  let last = 0;
  let pending = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < (tty ? 200 : 5000) && p.deleted < p.expired) return;
      last = now;
      const text = `${p.table}: deleted ${p.deleted.toLocaleString('en-US')} of ${p.expired.toLocaleString('en-US')} (${Math.floor((100 * p.deleted) / Math.max(1, p.expired))}%)`;
      if (tty) process.stdout.write(`\r\x1b[2K${text}`);
      else console.log(text);
      pending = tty;
    },
    done() {
      if (pending) process.stdout.write('\n');
      pending = false;
    },
  };
}

const TABLE_OPTION = { table: { type: 'string' } } as const;

export const run = commandGroup(
  'retention',
  {
    preview: verb({
      usage: '[--table T]',
      options: { ...DB_OPTION, ...TABLE_OPTION },
      run: ({ values }) =>
        withDatabase(values.db, async (db) => {
          const preview = await previewRetention(db, { table: values.table });
          console.log(
            table(
              preview.map((p) => ({ table: p.table, days: p.retentionDays, active: p.isActive, cutoff: p.cutoff, expired: p.expiredRows, total: p.totalRows })),
            ),
          );
        }),
    }),
    apply: verb({
      usage: '[--table T] [--dry-run]',
      options: { ...DB_OPTION, ...TABLE_OPTION, 'dry-run': { type: 'boolean' } },
      run: ({ values }) =>
        withDatabase(values.db, async (db) => {
          const progress = progressPrinter();
          const result = await applyRetentionCleanup(db, {
            dryRun: values['dry-run'] ?? false,
            table: values.table,
            actor: cliActor(),
            onProgress: progress.update,
          });
          progress.done();
          console.log(
            table(
              result.tables.map((t) => ({
                table: t.table,
                cutoff: t.cutoff,
                expired: t.expiredRows,
                deleted: result.dryRun ? '(dry run)' : t.deletedRows,
                skipped: t.skipped ?? '',
              })),
            ),
          );
          for (const t of result.tables) if (t.droppedPartitions.length) console.log(`${t.table}: dropped partitions ${t.droppedPartitions.join(', ')}`);
          // PostgreSQL hands space back by dropping partitions and by autovacuum; only SQLite frees pages here.
          const freed = db.engine === 'sqlite' ? `, freed ${result.freedPages} pages` : '';
          console.log(`${result.dryRun ? 'dry run: nothing deleted' : `deleted ${result.totalDeleted} rows${freed}`} (run #${result.runId})`);
        }),
    }),
    policies: verb({
      usage: '',
      options: DB_OPTION,
      run: ({ values }) =>
        withDatabase(values.db, async (db) => {
          const policies = await getRetentionPolicies(db);
          console.log(table(policies.map((p) => ({ table: p.table, column: p.column, days: p.retentionDays, active: p.isActive, updated: p.updatedAt }))));
        }),
    }),
    set: verb({
      usage: 'TABLE DAYS [--active | --inactive]',
      args: [
        { name: 'TABLE', what: 'TABLE and DAYS' },
        { name: 'DAYS', what: 'TABLE and DAYS' },
      ],
      options: { ...DB_OPTION, active: { type: 'boolean' }, inactive: { type: 'boolean' } },
      run: ({ args: [name, days], values }) => {
        if (values.active && values.inactive) throw new CliError('--active and --inactive exclude each other');
        const isActive = values.active ? true : values.inactive ? false : undefined;
        return withDatabase(values.db, async (db) => {
          const policy = await updateRetentionPolicy(db, { table: name!, retentionDays: days!, isActive }, cliActor());
          console.log(`${policy.table}: keep ${policy.retentionDays} days, ${policy.isActive ? 'active' : 'inactive'}`);
        });
      },
    }),
  },
  'option of every verb: --db FILE',
);
