import { CategoryBarChart } from '@/components/charts/CategoryBarChart';
import { TimeSeriesChart } from '@/components/charts/TimeSeriesChart';
import { ChartCard } from '@/components/dashboard/ChartCard';
import { EmptyState } from '@/components/dashboard/EmptyState';
import { KpiCard } from '@/components/dashboard/KpiCard';
import { readPageQuery } from '@/components/dashboard/read-page-query';
import { ViewShell } from '@/components/dashboard/ViewShell';
import { getDb } from '@/db/connection';
import { TOOL_CALL_SERIES } from '@/lib/dashboard/chart-series';
import { loadToolsView } from '@/lib/dashboard/load-tools-view';
import { hrefWith } from '@/lib/dashboard/search-params';
import { parseRangeParams } from '@/lib/dashboard/validation';

export const dynamic = 'force-dynamic';

const PATH = '/tools';
const TEXT = { title: 'Tools', description: 'Tool executions from tool_execution metrics: the busiest tools, how often they fail and how long they take.' };

export default async function ToolsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { params, query: range, error } = await readPageQuery(PATH, searchParams, parseRangeParams);
  if (error !== undefined) return <ViewShell {...TEXT} pathname={PATH} params={params} error={error} />;
  const view = await loadToolsView(getDb(), range);
  const csv = (chart: string) => hrefWith(`/export/tools/${chart}`, params, {});
  const byTool = (read: (t: (typeof view.topTools)[number]) => number | null) => view.topTools.map((t) => ({ name: t.name, value: read(t) }));
  return (
    <ViewShell {...TEXT} pathname={PATH} params={params} range={range} rowCap={view.capped ? view.rowCap : undefined}>
      <div className="mb-4 grid grid-cols-2 gap-3 lg:grid-cols-3">
        <KpiCard testId="kpi-tools-calls" title="Calls" kpi={{ current: view.totals.calls }} unit="count" />
        <KpiCard testId="kpi-tools-failure-rate" title="Failure rate" kpi={{ current: view.totals.failurePct }} unit="pct" />
        <KpiCard testId="kpi-tools-avg-duration" title="Avg duration" kpi={{ current: view.totals.avgDurationMs }} unit="ms" />
      </div>
      {view.totals.calls === 0 ? (
        <EmptyState
          neverReceived={false}
          hint="No tool executions in this range. They come from metrics of type tool_execution (dimensions tool_name, server_path, server_name, success; metadata error_code, input_size_bytes, output_size_bytes)."
        />
      ) : (
        <div className="grid gap-4 xl:grid-cols-2">
          <ChartCard title="Calls" description={`per ${view.span.granularity}, by outcome`} csvHref={csv('calls')}>
            <TimeSeriesChart testId="chart-tools-calls" kind="stacked-bars" unit="count" points={view.calls} series={TOOL_CALL_SERIES} />
          </ChartCard>
          <ChartCard title="Top tools by calls" csvHref={csv('top-tools')}>
            <CategoryBarChart testId="chart-tools-top" label="calls" unit="count" data={byTool((t) => t.count)} />
          </ChartCard>
          <ChartCard title="Failure rate by tool" description="failed calls among those with an outcome (%)" csvHref={csv('top-tools')}>
            <CategoryBarChart testId="chart-tools-failure" label="failure rate" unit="pct" colorIndex={3} data={byTool((t) => t.failurePct)} />
          </ChartCard>
          <ChartCard title="Latency by tool" description="mean duration (ms)" csvHref={csv('top-tools')}>
            <CategoryBarChart testId="chart-tools-latency" label="avg duration" unit="ms" colorIndex={2} data={byTool((t) => t.avgDurationMs)} />
          </ChartCard>
          <ChartCard title="Top error codes" csvHref={csv('error-codes')}>
            {view.topErrorCodes.length ? (
              <CategoryBarChart
                testId="chart-tools-errors"
                label="failures"
                unit="count"
                colorIndex={3}
                data={view.topErrorCodes.map((e) => ({ name: e.name, value: e.count }))}
              />
            ) : (
              <p className="text-sm text-zinc-500">No failed calls in this range.</p>
            )}
          </ChartCard>
        </div>
      )}
    </ViewShell>
  );
}
