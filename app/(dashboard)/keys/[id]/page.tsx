import Link from 'next/link';
import { notFound } from 'next/navigation';
import { canWrite, requirePageUser } from '@/auth/session';
import { getDb } from '@/db/connection';
import { TimeSeriesChart } from '@/components/charts/TimeSeriesChart';
import { ReadOnlyNotice } from '@/components/forms/ReadOnlyNotice';
import { ActiveToggle } from '@/components/keys/ActiveToggle';
import { EditLimitsForm } from '@/components/keys/EditLimitsForm';
import { StatusBadge } from '@/components/keys/StatusBadge';
import { formatCount } from '@/components/shell/format';
import { PageHeader } from '@/components/shell/PageHeader';
import { Timestamp } from '@/components/shell/Timestamp';
import { UserError } from '@/lib/errors';
import { resolveKey } from '@/lib/keys/resolve';
import { DEFAULT_KEY_USAGE_RANGE, isKeyUsageRange, KEY_USAGE_RANGES, keyUsageSeries } from '@/lib/key-usage/series';
import { setActiveAction, setLimitsAction } from '../actions';

export const dynamic = 'force-dynamic';

async function keyOrNotFound(id: string) {
  if (!/^\d{1,15}$/.test(id)) notFound();
  try {
    return await resolveKey(getDb(), Number(id));
  } catch (error) {
    if (error instanceof UserError && error.status === 404) notFound();
    throw error;
  }
}

const SERIES = [
  { key: 'requests', label: 'Requests' },
  { key: 'clientErrors', label: '4xx' },
  { key: 'rateLimited', label: '429' },
];

function Total({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <div className="text-xs text-zinc-500 uppercase">{label}</div>
      <div data-testid={testId} className="text-xl font-semibold tabular-nums">
        {formatCount(value)}
      </div>
    </div>
  );
}

export default async function KeyPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ range?: string }> }) {
  const { id } = await params;
  const user = await requirePageUser();
  const key = await keyOrNotFound(id);
  const { range: requested } = await searchParams;
  const range = isKeyUsageRange(requested) ? requested : DEFAULT_KEY_USAGE_RANGE;
  const usage = await keyUsageSeries(getDb().longReads, key, range);
  const points = usage.points.map(({ bucket, ...values }) => ({ bucket, values }));

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/keys" className="underline">
          ← API keys
        </Link>
      </p>
      <PageHeader
        title={key.serviceName}
        description={
          <>
            <span className="font-mono">{key.keyPrefix}…</span> · created <Timestamp iso={key.createdAt} inline /> · last used{' '}
            <Timestamp iso={key.lastUsedAt} inline />
            {key.description && <> · {key.description}</>}
          </>
        }
        actions={<StatusBadge active={key.isActive} />}
      />
      {!canWrite(user) && <ReadOnlyNotice />}

      <section className="mb-8">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <div>
            <h2 className="text-lg font-semibold">Usage per {usage.granularity}</h2>
            <p className="text-xs text-zinc-500 dark:text-zinc-400">
              Whole {usage.granularity}s (UTC), from the one the range starts in to the current one so far.
            </p>
          </div>
          <nav aria-label="Usage range" className="flex gap-1 text-sm">
            {KEY_USAGE_RANGES.map((r) => (
              <Link
                key={r}
                href={`/keys/${key.id}?range=${r}`}
                aria-current={r === range ? 'page' : undefined}
                className={`rounded-md px-2 py-1 ${r === range ? 'bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900' : 'hover:bg-zinc-100 dark:hover:bg-zinc-800'}`}
              >
                {r}
              </Link>
            ))}
          </nav>
        </div>
        <div className="mb-4 grid grid-cols-3 gap-3">
          <Total label="Requests" value={usage.totals.requests} testId="usage-requests" />
          <Total label="4xx" value={usage.totals.clientErrors} testId="usage-4xx" />
          <Total label="429" value={usage.totals.rateLimited} testId="usage-429" />
        </div>
        <TimeSeriesChart points={points} series={SERIES} kind="lines" unit="count" testId="key-usage-chart" />
        <p className="mt-2 text-xs text-zinc-500">All time: {formatCount(key.usageCount)} requests.</p>
      </section>

      <section className="mb-8">
        <h2 className="mb-3 text-lg font-semibold">Limits</h2>
        <EditLimitsForm limits={key} canWrite={canWrite(user)} action={setLimitsAction.bind(null, key.id)} />
      </section>

      <section>
        <h2 className="mb-3 text-lg font-semibold">Status</h2>
        <ActiveToggle active={key.isActive} canWrite={canWrite(user)} action={setActiveAction.bind(null, key.id, !key.isActive)} />
      </section>
    </>
  );
}
