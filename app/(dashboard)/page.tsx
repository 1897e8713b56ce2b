import Link from 'next/link';
import { TimeSeriesChart } from '@/components/charts/TimeSeriesChart';
import { BreakdownCharts } from '@/components/dashboard/BreakdownCharts';
import { ChartCard } from '@/components/dashboard/ChartCard';
import { choicesWith } from '@/components/dashboard/choices';
import { EmptyState } from '@/components/dashboard/EmptyState';
import { FilterSelect } from '@/components/dashboard/FilterSelect';
import { KpiCard } from '@/components/dashboard/KpiCard';
import { spanLabel } from '@/components/dashboard/span-label';
import { ViewShell } from '@/components/dashboard/ViewShell';
import { getDb } from '@/db/connection';
import { DURATION_SERIES, type SeriesSpec } from '@/lib/dashboard/chart-series';
import { loadChartMarkers, loadThresholds } from '@/lib/dashboard/chart-marks';
import { OTHER_SERIES } from '@/lib/dashboard/load-overview';
import { loadOverviewOffLoop } from '@/lib/dashboard/overview-task';
import { hrefWith, plainParams } from '@/lib/dashboard/search-params';
import { GRANULARITY_NAMES } from '@/lib/dashboard/time-range';
import { metricTypesOf, REQUEST_TYPES } from '@/lib/dashboard/type-filter';
import { parseOverviewParams } from '@/lib/dashboard/validation';
import { readPageQuery } from './read-page-query';
import { requestOrigin } from './request-origin';

export const dynamic = 'force-dynamic';

const TITLE = 'Overview';
const DESCRIPTION = 'Requests, errors and latency of every service, from the rollups by minute, hour and day.';
const TYPES_LABEL = 'Requests (auth, discovery, tools, registry)';

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { params, query, error } = await readPageQuery('/', searchParams, parseOverviewParams);
  if (error !== undefined) return <ViewShell title={TITLE} description={DESCRIPTION} pathname="/" params={params} error={error} />;
  const db = getDb();
  const [overview, markers, thresholds] = await Promise.all([
    loadOverviewOffLoop(db, query),
    loadChartMarkers(db, query.range, query.service),
    loadThresholds(db, { service: query.service, metricTypes: query.type === undefined ? undefined : metricTypesOf(query.type) }),
  ]);
  const plain = plainParams(params);
  const csv = (chart: string) => hrefWith(`/export/overview/${chart}`, params, {});
  const hasData = overview.kpis.requests.current !== 0;
  const previous = `${spanLabel(query.range.to.getTime() - query.range.from.getTime())} before`;
  const typeChoices = [
    { value: 'all', label: 'All types' },
    ...choicesWith(overview.filterChoices.metricTypes, query.type === 'requests' || query.type === 'all' ? undefined : query.type),
  ];

  return (
    <ViewShell
      title={TITLE}
      description={DESCRIPTION}
      pathname="/"
      params={params}
      range={query.range}
      explore={{ service: query.service, type: query.type === 'all' ? undefined : query.type }}
      markers={markers}
      controls={
        <div className="flex flex-wrap gap-3">
          <FilterSelect
            pathname="/"
            params={plain}
            name="service"
            label="Service"
            value={query.service}
            allLabel="All services"
            options={choicesWith(overview.filterChoices.services, query.service)}
          />
          <FilterSelect
            pathname="/"
            params={plain}
            name="type"
            label="Type"
            value={query.type === 'requests' ? undefined : query.type}
            allLabel={TYPES_LABEL}
            options={typeChoices}
          />
          <FilterSelect
            pathname="/"
            params={plain}
            name="group"
            label="Stack by"
            value={query.groupBy === 'service' ? undefined : query.groupBy}
            allLabel="service"
            options={[{ value: 'type', label: 'metric type' }]}
          />
        </div>
      }
    >
      {query.type === 'requests' && (
        <p data-testid="type-scope" className="mb-3 text-xs text-zinc-500 dark:text-zinc-400">
          Counting requests only ({REQUEST_TYPES.join(', ')}): health checks, protocol latency and custom metrics are left out.{' '}
          <Link href={hrefWith('/', params, { type: 'all' })} className="underline">
            Include every type
          </Link>
        </p>
      )}
      <div className="mb-4 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <KpiCard testId="kpi-requests" title="Requests" kpi={overview.kpis.requests} unit="count" previous={previous} />
        <KpiCard testId="kpi-error-rate" title="Error rate" kpi={overview.kpis.errorRatePct} unit="pct" higherIsWorse previous={previous} />
        <KpiCard testId="kpi-avg-duration" title="Avg duration" kpi={overview.kpis.avgDurationMs} unit="ms" higherIsWorse previous={previous} />
        <KpiCard testId="kpi-p95-duration" title="p95 duration" kpi={overview.kpis.p95DurationMs} unit="ms" higherIsWorse previous={previous} />
      </div>

      {hasData ? (
        <>
          <div className="grid gap-4 xl:grid-cols-2">
            <ChartCard
              title="Requests"
              description={`per ${GRANULARITY_NAMES[overview.span.granularity].per}, stacked by ${query.groupBy === 'service' ? 'service' : 'metric type'}`}
              csvHref={csv('requests')}
            >
              <TimeSeriesChart
                testId="chart-requests"
                chartId="requests"
                kind="stacked-bars"
                unit="count"
                points={overview.requests.points}
                series={overview.requests.series.map((s): SeriesSpec => ({
                  key: s,
                  label: s,
                  explore: s === OTHER_SERIES ? undefined : { [query.groupBy]: s },
                }))}
              />
            </ChartCard>
            <ChartCard
              title="Duration"
              description={`avg, p50, p95 and p99 per ${GRANULARITY_NAMES[overview.span.granularity].per} (ms)`}
              csvHref={csv('durations')}
            >
              <TimeSeriesChart
                testId="chart-durations"
                chartId="durations"
                kind="lines"
                unit="ms"
                points={overview.durations.map(({ bucket, ...values }) => ({ bucket, values }))}
                series={DURATION_SERIES}
              />
            </ChartCard>
          </div>
          <BreakdownCharts breakdown={overview.breakdown} thresholds={thresholds} pathname="/" params={plain} csv={csv} />
        </>
      ) : (
        <EmptyState neverReceived={overview.neverReceived} origin={overview.neverReceived ? await requestOrigin() : undefined} />
      )}
    </ViewShell>
  );
}
