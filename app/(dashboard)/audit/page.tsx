import Link from 'next/link';
import { getDb } from '@/db/connection';
import { requirePageUser } from '@/auth/session';
import { PageHeader } from '@/components/shell/PageHeader';
import { cellClass, Table } from '@/components/shell/Table';
import { Timestamp } from '@/components/shell/Timestamp';
import { auditPage } from '@/lib/audit/list';

export const dynamic = 'force-dynamic';

function Json({ value }: { value: string | null }) {
  if (value === null) return <span className="text-zinc-400">—</span>;
  return <pre className="max-w-md overflow-x-auto text-xs whitespace-pre-wrap">{JSON.stringify(JSON.parse(value), null, 1)}</pre>;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  await requirePageUser();
  const { before } = await searchParams;
  const beforeId = before && /^\d+$/.test(before) ? Number(before) : undefined;
  const { rows, nextBefore } = await auditPage(getDb().longReads, beforeId);
  return (
    <>
      <PageHeader title="Audit log" description="Every change made by an admin or from the command line, newest first." />
      {rows.length === 0 ? (
        <p className="text-sm text-zinc-500">No changes recorded yet.</p>
      ) : (
        <Table head={['When', 'Who', 'Action', 'Target', 'Before', 'After']} testId="audit-rows">
          {rows.map((r) => (
            <tr key={r.id}>
              <td className={cellClass}>
                <Timestamp iso={r.timestamp} inline />
              </td>
              <td className={cellClass}>{r.actor}</td>
              <td className={`${cellClass} font-mono`}>{r.action}</td>
              <td className={cellClass}>{r.target ?? '—'}</td>
              <td className={cellClass}>
                <Json value={r.before} />
              </td>
              <td className={cellClass}>
                <Json value={r.after} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      <div className="mt-4 flex gap-4 text-sm">
        {beforeId !== undefined && (
          <Link href="/audit" className="underline">
            Newest
          </Link>
        )}
        {nextBefore !== null && (
          <Link href={`/audit?before=${nextBefore}`} className="underline">
            Older →
          </Link>
        )}
      </div>
    </>
  );
}
