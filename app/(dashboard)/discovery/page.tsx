import { CategoryBarChart } from '@/components/charts/CategoryBarChart';
import { TimeSeriesChart } from '@/components/charts/TimeSeriesChart';
import { ChartCard } from '@/components/dashboard/ChartCard';
import { EmptyState } from '@/components/dashboard/EmptyState';
import { KpiCard } from '@/components/dashboard/KpiCard';
import { readPageQuery } from '@/components/dashboard/read-page-query';
import { ViewShell } from '@/components/dashboard/ViewShell';
import { getDb } from '@/db/connection';
import { DISCOVERY_RESULTS_SERIES, DISCOVERY_TIMING_SERIES } from '@/lib/dashboard/chart-series';
import { loadDiscoveryView } from '@/lib/dashboard/load-discovery-view';
import { hrefWith } from '@/lib/dashboard/search-params';
import { parseRangeParams } from '@/lib/dashboard/validation';

export const dynamic = 'force-dynamic';

const PATH = '/discovery';
const TEXT = { title: 'Discovery', description: 'Tool discovery queries from tool_discovery metrics: where the time goes and how many results they find.' };

export default async function DiscoveryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { params, query: range, error } = await readPageQuery(PATH, searchParams, parseRangeParams);
  if (error !== undefined) return <ViewShell {...TEXT} pathname={PATH} params={params} error={error} />;
  const view = await loadDiscoveryView(getDb(), range);
  const csv = (chart: string) => hrefWith(`/export/discovery/${chart}`, params, {});
  return (
    <ViewShell {...TEXT} pathname={PATH} params={params} range={range} rowCap={view.capped ? view.rowCap : undefined}>
      <div className="mb-4 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <KpiCard testId="kpi-discovery-queries" title="Queries" kpi={{ current: view.totals.queries }} unit="count" />
        <KpiCard testId="kpi-discovery-embedding" title="Avg embedding" kpi={{ current: view.totals.avgEmbeddingMs }} unit="ms" />
        <KpiCard testId="kpi-discovery-search" title="Avg vector search" kpi={{ current: view.totals.avgSearchMs }} unit="ms" />
        <KpiCard testId="kpi-discovery-results" title="Avg results" kpi={{ current: view.totals.avgResults }} unit="count" />
      </div>
      {view.totals.queries === 0 ? (
        <EmptyState
          neverReceived={false}
          hint="No discovery queries in this range. They come from metrics of type tool_discovery (dimensions query, results_count, top_k_services, top_n_tools; metadata embedding_time_ms, faiss_search_time_ms)."
        />
      ) : (
        <div className="grid gap-4 xl:grid-cols-2">
          <ChartCard title="Embedding vs search time" description={`mean per ${view.span.granularity} (ms)`} csvHref={csv('timing')}>
            <TimeSeriesChart testId="chart-discovery-timing" kind="lines" unit="ms" points={view.timing} series={DISCOVERY_TIMING_SERIES} />
          </ChartCard>
          <ChartCard title="Results per query" description={`mean per ${view.span.granularity}`} csvHref={csv('results')}>
            <TimeSeriesChart testId="chart-discovery-results" kind="lines" unit="count" points={view.results} series={DISCOVERY_RESULTS_SERIES} />
          </ChartCard>
          <ChartCard title="Results count" description="queries by number of results" csvHref={csv('results-bands')}>
            <CategoryBarChart testId="chart-discovery-bands" label="queries" unit="count" colorIndex={1} data={view.resultsBands} />
          </ChartCard>
        </div>
      )}
    </ViewShell>
  );
}
