import { CategoryBarChart } from '@/components/charts/CategoryBarChart';
import { TimeSeriesChart } from '@/components/charts/TimeSeriesChart';
import { seriesColor } from '@/components/charts/palette';
import { ChartCard } from '@/components/dashboard/ChartCard';
import { ErrorCodesCard } from '@/components/dashboard/ErrorCodesCard';
import { OUTCOME_COLORS, TOOL_CALL_SERIES } from '@/lib/dashboard/chart-series';
import { loadToolsView, type ToolsView } from '@/lib/dashboard/load-tools-view';
import { GRANULARITY_NAMES } from '@/lib/dashboard/time-range';
import { parseToolsViewParams } from '@/lib/dashboard/validation';
import { viewPage } from '../view-page';

export const dynamic = 'force-dynamic';

const byTool = (view: ToolsView, read: (t: ToolsView['topTools'][number]) => number | null) => view.topTools.map((t) => ({ name: t.name, value: read(t) }));

export default viewPage({
  path: '/tools',
  exportName: 'tools',
  title: 'Tools',
  metricType: 'tool_execution',
  description: 'Tool executions from tool_execution metrics: the busiest tools, how often they fail and how long they take.',
  parse: parseToolsViewParams,
  load: loadToolsView,
  kpis: (view) => [
    { testId: 'kpi-tools-calls', title: 'Calls', value: view.totals.calls, unit: 'count' },
    { testId: 'kpi-tools-failure-rate', title: 'Failure rate', value: view.totals.failurePct, unit: 'pct' },
    { testId: 'kpi-tools-avg-duration', title: 'Avg duration', value: view.totals.avgDurationMs, unit: 'ms' },
  ],
  rows: (view) => view.totals.calls,
  emptyHint:
    'No tool executions in this range. They come from metrics of type tool_execution (dimensions tool_name, method, server_path, server_name, client_name, success; metadata error_code, input_size_bytes, output_size_bytes).',
  filters: [
    { name: 'server', label: 'Server', allLabel: 'All servers', choices: (view) => view.servers },
    { name: 'method', label: 'Method', allLabel: 'All methods', choices: (view) => view.methods },
    { name: 'client', label: 'Client', allLabel: 'All clients', choices: (view) => view.clients },
  ],
  charts: (view, csv) => (
    <>
      <ChartCard title="Calls" description={`per ${GRANULARITY_NAMES[view.span.granularity].per}, by outcome`} csvHref={csv('calls')}>
        <TimeSeriesChart testId="chart-tools-calls" kind="stacked-bars" unit="count" points={view.calls} series={TOOL_CALL_SERIES} />
      </ChartCard>
      <ChartCard title="Top tools by calls" csvHref={csv('top-tools')}>
        <CategoryBarChart testId="chart-tools-top" label="calls" unit="count" data={byTool(view, (t) => t.count)} />
      </ChartCard>
      <ChartCard title="Failure rate by tool" description="failed calls among those with an outcome (%)" csvHref={csv('top-tools')}>
        <CategoryBarChart testId="chart-tools-failure" label="failure rate" unit="pct" color={OUTCOME_COLORS.failed} data={byTool(view, (t) => t.failurePct)} />
      </ChartCard>
      <ChartCard title="Latency by tool" description="mean duration (ms)" csvHref={csv('top-tools')}>
        <CategoryBarChart testId="chart-tools-latency" label="avg duration" unit="ms" color={seriesColor(2)} data={byTool(view, (t) => t.avgDurationMs)} />
      </ChartCard>
      <ErrorCodesCard testId="chart-tools-errors" codes={view.topErrorCodes} none="No failed calls in this range." csvHref={csv('error-codes')} />
    </>
  ),
});
