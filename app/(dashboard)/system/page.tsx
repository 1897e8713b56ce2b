import { getDb } from '@/db/connection';
import { requirePageUser } from '@/auth/session';
import { formatBytes, formatCount } from '@/components/shell/format';
import { PageHeader } from '@/components/shell/PageHeader';
import { cellClass, Table } from '@/components/shell/Table';
import { systemStatus } from '@/lib/database/status';

export const dynamic = 'force-dynamic';

function Fact({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <dt className="text-xs text-zinc-500 uppercase dark:text-zinc-400">{label}</dt>
      <dd data-testid={testId} className="mt-1 text-lg font-semibold break-all">
        {value}
      </dd>
    </div>
  );
}

export default async function SystemPage() {
  await requirePageUser();
  const status = await systemStatus(getDb().longReads);
  return (
    <>
      <PageHeader
        title="System"
        description={
          <span className="break-all">{status.engine.engine === 'sqlite' ? `Database file ${status.file}` : `PostgreSQL database ${status.file}`}</span>
        }
      />
      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Fact label="Engine" value={status.engine.engine === 'sqlite' ? `SQLite ${status.engine.version}` : status.engine.version} testId="engine" />
        {status.engine.pool && (
          <Fact
            label="Connection pool (this instance)"
            value={`${status.engine.pool.open} open of ${status.engine.pool.max}, ${status.engine.pool.idle} idle, ${status.engine.pool.waiting} waiting`}
            testId="pool"
          />
        )}
        <Fact label="Schema version" value={`${status.schemaVersion} of ${status.latestVersion}`} testId="schema-version" />
        <Fact label="Pending migrations" value={status.pendingMigrations.join(', ') || 'none'} testId="pending-migrations" />
        {status.engine.engine === 'sqlite' ? (
          <>
            <Fact label="Database file" value={`${formatBytes(status.databaseBytes)} (${formatBytes(status.freeBytes)} free)`} testId="database-size" />
            <Fact label="Write-ahead log" value={formatBytes(status.walBytes)} testId="wal-size" />
          </>
        ) : (
          <Fact label="Database size" value={formatBytes(status.databaseBytes)} testId="database-size" />
        )}
      </dl>
      {status.pendingMigrations.length > 0 && (
        <p className="mt-3 text-sm text-amber-700 dark:text-amber-400">Run `npm run migrate -- up` (or restart with `npm start`) to apply them.</p>
      )}
      <h2 className="mt-8 mb-3 text-lg font-semibold">Rows per table</h2>
      <Table head={['Table', 'Rows']} testId="table-rows">
        {status.tables.map((t) => (
          <tr key={t.table}>
            <td className={`${cellClass} font-mono`}>{t.table}</td>
            <td className={`${cellClass} tabular-nums`}>{formatCount(t.rows)}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}
