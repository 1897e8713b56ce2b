import { TimeSeriesChart } from '@/components/charts/TimeSeriesChart';
import { ChartCard } from '@/components/dashboard/ChartCard';
import { choicesWith } from '@/components/dashboard/choices';
import { EmptyState } from '@/components/dashboard/EmptyState';
import { FilterSelect } from '@/components/dashboard/FilterSelect';
import { KpiCard } from '@/components/dashboard/KpiCard';
import { readPageQuery } from '@/components/dashboard/read-page-query';
import { ViewShell } from '@/components/dashboard/ViewShell';
import { getDb } from '@/db/connection';
import { DURATION_SERIES } from '@/lib/dashboard/chart-series';
import { loadOverview } from '@/lib/dashboard/load-overview';
import { hrefWith, plainParams } from '@/lib/dashboard/search-params';
import { parseOverviewParams } from '@/lib/dashboard/validation';

export const dynamic = 'force-dynamic';

const TITLE = 'Overview';
const DESCRIPTION = 'Requests, errors and latency of every service, from the hourly and daily rollups.';

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { params, query, error } = await readPageQuery('/', searchParams, parseOverviewParams);
  if (error !== undefined) return <ViewShell title={TITLE} description={DESCRIPTION} pathname="/" params={params} error={error} />;
  const overview = await loadOverview(getDb(), query);
  const plain = plainParams(params);
  const csv = (chart: string) => hrefWith(`/export/overview/${chart}`, params, {});
  const hasData = overview.kpis.requests.current !== 0;

  return (
    <ViewShell
      title={TITLE}
      description={DESCRIPTION}
      pathname="/"
      params={params}
      range={query.range}
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
            value={query.metricType}
            allLabel="All types"
            options={choicesWith(overview.filterChoices.metricTypes, query.metricType)}
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
      <div className="mb-4 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <KpiCard testId="kpi-requests" title="Requests" kpi={overview.kpis.requests} unit="count" />
        <KpiCard testId="kpi-error-rate" title="Error rate" kpi={overview.kpis.errorRatePct} unit="pct" higherIsWorse />
        <KpiCard testId="kpi-avg-duration" title="Avg duration" kpi={overview.kpis.avgDurationMs} unit="ms" higherIsWorse />
        <KpiCard testId="kpi-p95-duration" title="p95 duration" kpi={overview.kpis.p95DurationMs} unit="ms" higherIsWorse />
      </div>

      {hasData ? (
        <div className="grid gap-4 xl:grid-cols-2">
          <ChartCard
            title="Requests"
            description={`per ${overview.span.granularity}, stacked by ${query.groupBy === 'service' ? 'service' : 'metric type'}`}
            csvHref={csv('requests')}
          >
            <TimeSeriesChart
              testId="chart-requests"
              kind="stacked-bars"
              unit="count"
              points={overview.requests.points}
              series={overview.requests.series.map((s) => ({ key: s, label: s }))}
            />
          </ChartCard>
          <ChartCard title="Duration" description={`avg, p50, p95 and p99 per ${overview.span.granularity} (ms)`} csvHref={csv('durations')}>
            <TimeSeriesChart
              testId="chart-durations"
              kind="lines"
              unit="ms"
              points={overview.durations.map(({ bucket, ...values }) => ({ bucket, values }))}
              series={DURATION_SERIES}
            />
          </ChartCard>
        </div>
      ) : (
        <EmptyState neverReceived={overview.neverReceived} />
      )}
    </ViewShell>
  );
}
