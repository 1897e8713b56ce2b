import Link from 'next/link';
import { canWrite, requirePageUser } from '@/auth/session';
import { getDb } from '@/db/connection';
import { ReadOnlyNotice } from '@/components/forms/ReadOnlyNotice';
import { CreateKeyForm } from '@/components/keys/CreateKeyForm';
import { StatusBadge } from '@/components/keys/StatusBadge';
import { formatCount } from '@/components/shell/format';
import { PageHeader } from '@/components/shell/PageHeader';
import { cellClass, Table } from '@/components/shell/Table';
import { Timestamp } from '@/components/shell/Timestamp';
import { listApiKeys } from '@/lib/keys/list';
import { createKeyAction } from './actions';

export const dynamic = 'force-dynamic';

const limit = (value: number | null) => (value === null ? '—' : formatCount(value));

export default async function KeysPage() {
  const user = await requirePageUser();
  const keys = await listApiKeys(getDb().longReads);
  return (
    <>
      <PageHeader title="API keys" description="Keys the services send in X-API-Key. Only a prefix and a hash of each key are stored." />
      {!canWrite(user) && <ReadOnlyNotice />}
      <CreateKeyForm canWrite={canWrite(user)} action={createKeyAction} />
      <h2 className="mt-8 mb-3 text-lg font-semibold">Keys</h2>
      {keys.length === 0 ? (
        <p className="text-sm text-zinc-500">No keys yet. Create one above, then send metrics with it: POST /metrics with the header X-API-Key.</p>
      ) : (
        // Seven narrow columns (dates and limits on two lines each): the table fits a 1280 px screen without scrolling.
        <Table head={['Service', 'Status', 'Prefix', 'Created', 'Last used', 'Requests', 'Limits']} testId="keys-table">
          {keys.map((k) => (
            <tr key={k.id} data-testid={`key-row-${k.id}`}>
              <td className={`${cellClass} wrap-anywhere`}>
                <Link href={`/keys/${k.id}`} className="font-medium underline">
                  {k.serviceName}
                </Link>
                {k.description && <div className="text-xs text-zinc-500">{k.description}</div>}
              </td>
              <td className={cellClass}>
                <StatusBadge active={k.isActive} />
              </td>
              <td className={`${cellClass} font-mono text-xs whitespace-nowrap`}>{k.keyPrefix ?? '—'}…</td>
              <td className={cellClass}>
                <Timestamp iso={k.createdAt} />
              </td>
              <td className={cellClass}>
                <Timestamp iso={k.lastUsedAt} />
              </td>
              <td className={`${cellClass} tabular-nums`}>{formatCount(k.usageCount)}</td>
              <td className={`${cellClass} tabular-nums whitespace-nowrap`}>
                {formatCount(k.rateLimit)} / min
                <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                  daily {limit(k.dailyUsageLimit)} · monthly {limit(k.monthlyUsageLimit)}
                </span>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
