import path from 'node:path';
import { parseArgs } from 'node:util';
import { databasePath, openDatabase } from '../db/connection';
import { cliActor } from '../lib/audit/record';
import { applyRetentionCleanup, type CleanupProgress } from '../lib/retention/apply-cleanup';
import { getRetentionPolicies } from '../lib/retention/get-policies';
import { previewRetention } from '../lib/retention/preview';
import { updateRetentionPolicy } from '../lib/retention/update-policy';
import { CliError } from './errors';

const USAGE = 'usage: retention preview [--table T] | apply [--table T] [--dry-run] | policies | set TABLE DAYS [--active | --inactive]   (option: --db FILE)';

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

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { table: { type: 'string' }, 'dry-run': { type: 'boolean' }, db: { type: 'string' }, active: { type: 'boolean' }, inactive: { type: 'boolean' } },
  });
  const [verb, ...rest] = positionals;
  if (verb !== 'set' && rest.length) throw new CliError(`unexpected arguments: ${rest.join(' ')}\n${USAGE}`);
  if (values.active && values.inactive) throw new CliError('--active and --inactive exclude each other');
  const db = openDatabase(path.resolve(values.db ?? databasePath()));
  try {
    switch (verb) {
      case 'preview':
        console.log(
          table(
            previewRetention(values.table, { db }).map((p) => ({
              table: p.table,
              days: p.retentionDays,
              active: p.isActive,
              cutoff: p.cutoff,
              expired: p.expiredRows,
              total: p.totalRows,
            })),
          ),
        );
        return 0;
      case 'apply': {
        const progress = progressPrinter();
        const result = await applyRetentionCleanup({
          dryRun: values['dry-run'] ?? false,
          table: values.table,
          actor: cliActor(),
          db,
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
        console.log(
          `${result.dryRun ? 'dry run: nothing deleted' : `deleted ${result.totalDeleted} rows, freed ${result.freedPages} pages`} (run #${result.runId})`,
        );
        return 0;
      }
      case 'policies':
        console.log(
          table(getRetentionPolicies(db).map((p) => ({ table: p.table, column: p.column, days: p.retentionDays, active: p.isActive, updated: p.updatedAt }))),
        );
        return 0;
      case 'set': {
        const [name, days, ...extra] = rest;
        if (!name || !days || extra.length) throw new CliError(`set needs TABLE and DAYS\n${USAGE}`);
        const active = values.active ? true : values.inactive ? false : undefined;
        const policy = updateRetentionPolicy(name, Number(days), active, cliActor(), db);
        console.log(`${policy.table}: keep ${policy.retentionDays} days, ${policy.isActive ? 'active' : 'inactive'}`);
        return 0;
      }
      default:
        throw new CliError(`${verb ? `unknown verb "${verb}"` : 'missing verb'}\n${USAGE}`);
    }
  } finally {
    db.close();
  }
}
