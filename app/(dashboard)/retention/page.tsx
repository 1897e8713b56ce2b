import { canWrite, requirePageUser } from '@/auth/session';
import { getDb } from '@/db/connection';
import { ReadOnlyNotice } from '@/components/forms/ReadOnlyNotice';
import { CleanupPanel } from '@/components/retention/CleanupPanel';
import { PolicyForm } from '@/components/retention/PolicyForm';
import { formatCount } from '@/components/shell/format';
import { PageHeader } from '@/components/shell/PageHeader';
import { cellClass, Table } from '@/components/shell/Table';
import { Timestamp } from '@/components/shell/Timestamp';
import { listRetentionRuns, type RetentionRun } from '@/lib/retention/list-runs';
import { previewRetention } from '@/lib/retention/preview';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '@/lib/retention/validation';
import { cleanupAction, updatePolicyAction } from './actions';

export const dynamic = 'force-dynamic';

const counts = (run: RetentionRun) =>
  Object.entries(run.deletedCounts)
    .filter(([, n]) => n > 0)
    .map(([table, n]) => `${table} ${formatCount(n)}`)
    .join(', ') || 'nothing';

/** Rows a run deleted, or on a dry run the rows it found expired. */
const runRows = (run: RetentionRun) => (run.dryRun ? Object.values(run.deletedCounts).reduce((a, b) => a + b, 0) : run.totalDeleted);

function LastRun({ run }: { run: RetentionRun | undefined }) {
  if (!run) return <p data-testid="last-run">No cleanup has run yet.</p>;
  return (
    <p data-testid="last-run">
      Last run <Timestamp iso={run.finishedAt ?? run.startedAt} inline /> by {run.triggeredBy}
      {run.dryRun ? ' (dry run)' : ''}: {run.status}, {formatCount(runRows(run))} rows {run.dryRun ? 'would be ' : ''}deleted.
    </p>
  );
}

export default async function RetentionPage() {
  const user = await requirePageUser();
  const db = getDb().longReads;
  const [preview, runs] = await Promise.all([previewRetention(db), listRetentionRuns(db, 10)]);
  const lastRealRun = runs.find((r) => !r.dryRun);
  return (
    <>
      <PageHeader
        title="Retention"
        description={`How long each table keeps its rows (whole days, ${MIN_RETENTION_DAYS}–${MAX_RETENTION_DAYS}). The scheduled cleanup deletes older rows.`}
      />
      {!canWrite(user) && <ReadOnlyNotice />}
      <div className="mb-6 rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800">
        <LastRun run={runs[0]} />
        {lastRealRun && lastRealRun !== runs[0] && (
          <p className="mt-1 text-zinc-500">
            Last deleting run <Timestamp iso={lastRealRun.finishedAt ?? lastRealRun.startedAt} inline />: {counts(lastRealRun)}.
          </p>
        )}
      </div>

      <section className="mb-8">
        <div className="hidden grid-cols-[1.4fr_1fr_0.7fr_1fr_auto] gap-4 px-3 pb-1 text-xs text-zinc-500 uppercase sm:grid">
          <span>Table</span>
          <span>Days</span>
          <span>Cleanup</span>
          <span>Would delete now</span>
          <span className="w-14" />
        </div>
        <div className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {preview.map((p) => (
            <PolicyForm key={p.table} policy={p} canWrite={canWrite(user)} action={updatePolicyAction.bind(null, p.table)} />
          ))}
        </div>
      </section>

      <CleanupPanel canWrite={canWrite(user)} action={cleanupAction} />

      <h2 className="mt-8 mb-3 text-lg font-semibold">Recent runs</h2>
      {runs.length === 0 ? (
        <p className="text-sm text-zinc-500">None yet.</p>
      ) : (
        <Table head={['Started', 'Kind', 'By', 'Status', 'Rows', 'Per table']} testId="retention-runs">
          {runs.map((r) => (
            <tr key={r.id}>
              <td className={cellClass}>
                <Timestamp iso={r.startedAt} inline />
              </td>
              <td className={cellClass}>{r.dryRun ? 'dry run' : 'cleanup'}</td>
              <td className={cellClass}>{r.triggeredBy}</td>
              <td className={cellClass}>{r.error ? `${r.status}: ${r.error}` : r.status}</td>
              <td className={`${cellClass} tabular-nums`}>{formatCount(runRows(r))}</td>
              <td className={`${cellClass} text-xs`}>{counts(r)}</td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
