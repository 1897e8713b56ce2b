import Link from 'next/link';
import { formatValue } from '@/components/charts/format';
import { choicesWith } from '@/components/dashboard/choices';
import { FilterSelect } from '@/components/dashboard/FilterSelect';
import { JsonBlock } from '@/components/dashboard/JsonBlock';
import { TextFilters } from '@/components/dashboard/TextFilters';
import { ViewShell } from '@/components/dashboard/ViewShell';
import { cellClass, Table } from '@/components/shell/Table';
import { formatNumber } from '@/components/shell/format';
import { Timestamp } from '@/components/shell/Timestamp';
import { getDb } from '@/db/connection';
import { keyDimensions, loadExplorerPage } from '@/lib/dashboard/explorer';
import { loadFilterChoices } from '@/lib/dashboard/filter-choices';
import { hrefWith, plainParams } from '@/lib/dashboard/search-params';
import { parseExplorerParams } from '@/lib/dashboard/validation';
import { readPageQuery } from '../read-page-query';

export const dynamic = 'force-dynamic';

const PATH = '/explorer';
const TEXT = { title: 'Explorer', description: 'Raw metrics as stored, newest first.' };
const linkClass = 'rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800';

export default async function ExplorerPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { params, query, error } = await readPageQuery(PATH, searchParams, parseExplorerParams);
  if (error !== undefined) return <ViewShell {...TEXT} pathname={PATH} params={params} error={error} />;
  const db = getDb().longReads;
  const [page, choices] = await Promise.all([loadExplorerPage(db, query), loadFilterChoices(db, query.range)]);
  const plain = plainParams(params);

  return (
    <ViewShell
      {...TEXT}
      pathname={PATH}
      params={params}
      range={query.range}
      controls={
        <div className="flex flex-wrap items-center gap-3">
          <FilterSelect
            pathname={PATH}
            params={plain}
            name="service"
            label="Service"
            value={query.service}
            allLabel="All services"
            options={choicesWith(choices.services, query.service)}
          />
          <FilterSelect
            pathname={PATH}
            params={plain}
            name="type"
            label="Type"
            value={query.metricType}
            allLabel="All types"
            options={[
              { value: 'requests', label: 'Requests (auth, discovery, tools, registry)' },
              ...choicesWith(choices.metricTypes, query.metricType === 'requests' ? undefined : query.metricType),
            ]}
          />
          <FilterSelect
            pathname={PATH}
            params={plain}
            name="success"
            label="Outcome"
            value={plain.success}
            allLabel="Any outcome"
            options={[
              { value: 'true', label: 'succeeded' },
              { value: 'false', label: 'failed' },
              { value: 'none', label: 'no outcome' },
            ]}
          />
          <TextFilters
            pathname={PATH}
            params={plain}
            fields={[
              { name: 'tool_name', label: 'Tool' },
              { name: 'server', label: 'Server' },
              { name: 'method', label: 'Method', placeholder: 'tools/call' },
              { name: 'client', label: 'Client' },
              { name: 'error_code', label: 'Error code' },
              { name: 'request_id', label: 'Request id', placeholder: 'req_…' },
            ]}
          />
          <a href={hrefWith('/export/explorer', params, {})} className="text-xs text-blue-600 hover:underline dark:text-blue-400" download>
            Download CSV (all matching rows)
          </a>
        </div>
      }
    >
      {page.rows.length === 0 ? (
        <p
          data-testid="empty-state"
          className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
        >
          {page.scannedTo ? (
            <>
              No match among the newest rows looked at (down to <Timestamp iso={page.scannedTo} inline />
              ); older rows may match.
            </>
          ) : query.cursor ? (
            'No older metrics match.'
          ) : (
            'No metrics match this range and these filters.'
          )}
        </p>
      ) : (
        <Table
          testId="explorer-rows"
          head={['Time', 'Service', 'Type', 'Outcome', 'Duration', 'Tool / method', 'Server', 'Client', 'Error code', 'Value', 'Request / details']}
        >
          {page.rows.map((row) => {
            const key = keyDimensions(row);
            return (
              <tr key={row.id} data-testid="explorer-row">
                <td className={`${cellClass} whitespace-nowrap tabular-nums`}>
                  <Timestamp iso={row.timestamp} />
                </td>
                <td className={cellClass} data-testid="explorer-service">
                  {row.service}
                </td>
                <td className={cellClass} data-testid="explorer-type">
                  {row.metricType}
                </td>
                <td className={`${cellClass} whitespace-nowrap`} data-testid="explorer-outcome">
                  {key.success === null ? (
                    '—'
                  ) : key.success ? (
                    <span className="text-emerald-600 dark:text-emerald-400">✓ ok</span>
                  ) : (
                    <span className="text-red-600 dark:text-red-400">✗ failed</span>
                  )}
                </td>
                <td className={`${cellClass} whitespace-nowrap tabular-nums`}>{formatValue(row.durationMs, 'ms')}</td>
                <td className={cellClass}>{key.toolName ?? key.method ?? '—'}</td>
                <td className={cellClass}>{key.server ?? '—'}</td>
                <td className={cellClass}>{key.client ?? '—'}</td>
                <td className={cellClass} data-testid="explorer-error-code">
                  {key.errorCode ?? '—'}
                </td>
                <td className={`${cellClass} tabular-nums`}>{formatNumber(row.value)}</td>
                <td className={`${cellClass} min-w-48`}>
                  <details>
                    <summary className="cursor-pointer font-mono text-xs">{row.requestId}</summary>
                    <div className="mt-2 grid gap-2 sm:grid-cols-2">
                      <JsonBlock label="dimensions" text={row.dimensions} />
                      <JsonBlock label="metadata" text={row.metadata} />
                    </div>
                    <p className="mt-1 text-xs text-zinc-500">
                      id {row.id} · version {row.serviceVersion ?? '—'} · instance {row.instanceId ?? '—'} · stored <Timestamp iso={row.createdAt} inline />
                    </p>
                  </details>
                </td>
              </tr>
            );
          })}
        </Table>
      )}
      <nav aria-label="Pages" className="mt-4 flex gap-2">
        {query.cursor && (
          <Link href={hrefWith(PATH, params, { cursor: undefined })} className={linkClass}>
            ← Newest
          </Link>
        )}
        {page.nextCursor && (
          <Link href={hrefWith(PATH, params, { cursor: page.nextCursor })} className={linkClass}>
            {page.scannedTo && page.rows.length === 0 ? 'Search older →' : 'Older →'}
          </Link>
        )}
      </nav>
    </ViewShell>
  );
}
