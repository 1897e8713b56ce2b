import { CategoryBarChart } from '@/components/charts/CategoryBarChart';
import { TimeSeriesChart } from '@/components/charts/TimeSeriesChart';
import { seriesColor } from '@/components/charts/palette';
import { ChartCard } from '@/components/dashboard/ChartCard';
import { DISCOVERY_RESULTS_SERIES, DISCOVERY_TIMING_SERIES } from '@/lib/dashboard/chart-series';
import { loadDiscoveryView } from '@/lib/dashboard/load-discovery-view';
import { GRANULARITY_NAMES } from '@/lib/dashboard/time-range';
import { parseViewParams } from '@/lib/dashboard/validation';
import { viewPage } from '../view-page';

export const dynamic = 'force-dynamic';

export default viewPage({
  path: '/discovery',
  exportName: 'discovery',
  title: 'Discovery',
  metricType: 'tool_discovery',
  description: 'Tool discovery queries from tool_discovery metrics: where the time goes and how many results they find.',
  parse: parseViewParams,
  load: loadDiscoveryView,
  kpis: (view) => [
    { testId: 'kpi-discovery-queries', title: 'Queries', value: view.totals.queries, unit: 'count' },
    { testId: 'kpi-discovery-embedding', title: 'Avg embedding', value: view.totals.avgEmbeddingMs, unit: 'ms' },
    { testId: 'kpi-discovery-search', title: 'Avg vector search', value: view.totals.avgSearchMs, unit: 'ms' },
    { testId: 'kpi-discovery-results', title: 'Avg results', value: view.totals.avgResults, unit: 'number' },
  ],
  rows: (view) => view.totals.queries,
  emptyHint:
    'No discovery queries in this range. They come from metrics of type tool_discovery (dimensions query, results_count, top_k_services, top_n_tools; metadata embedding_time_ms, faiss_search_time_ms).',
  charts: (view, csv) => (
    <>
      <ChartCard title="Embedding vs search time" description={`mean per ${GRANULARITY_NAMES[view.span.granularity].per} (ms)`} csvHref={csv('timing')}>
        <TimeSeriesChart testId="chart-discovery-timing" kind="lines" unit="ms" points={view.timing} series={DISCOVERY_TIMING_SERIES} />
      </ChartCard>
      <ChartCard title="Results per query" description={`mean per ${GRANULARITY_NAMES[view.span.granularity].per}`} csvHref={csv('results')}>
        <TimeSeriesChart testId="chart-discovery-results" kind="lines" unit="number" points={view.results} series={DISCOVERY_RESULTS_SERIES} />
      </ChartCard>
      <ChartCard title="Results count" description="queries by number of results" csvHref={csv('results-bands')}>
        <CategoryBarChart testId="chart-discovery-bands" label="queries" unit="count" color={seriesColor(1)} data={view.resultsBands} />
      </ChartCard>
    </>
  ),
});
