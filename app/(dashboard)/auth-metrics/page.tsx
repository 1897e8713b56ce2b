import { CategoryBarChart } from '@/components/charts/CategoryBarChart';
import { TimeSeriesChart } from '@/components/charts/TimeSeriesChart';
import { ChartCard } from '@/components/dashboard/ChartCard';
import { EmptyState } from '@/components/dashboard/EmptyState';
import { KpiCard } from '@/components/dashboard/KpiCard';
import { readPageQuery } from '@/components/dashboard/read-page-query';
import { ViewShell } from '@/components/dashboard/ViewShell';
import { getDb } from '@/db/connection';
import { AUTH_SUCCESS_SERIES } from '@/lib/dashboard/chart-series';
import { loadAuthView } from '@/lib/dashboard/load-auth-view';
import { hrefWith } from '@/lib/dashboard/search-params';
import { parseRangeParams } from '@/lib/dashboard/validation';

export const dynamic = 'force-dynamic';

const PATH = '/auth-metrics';
const TEXT = { title: 'Auth', description: 'Authentication attempts from auth_request metrics: success rate, methods and error codes.' };

export default async function AuthMetricsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { params, query: range, error } = await readPageQuery(PATH, searchParams, parseRangeParams);
  if (error !== undefined) return <ViewShell {...TEXT} pathname={PATH} params={params} error={error} />;
  const view = await loadAuthView(getDb(), range);
  const csv = (chart: string) => hrefWith(`/export/auth/${chart}`, params, {});
  return (
    <ViewShell {...TEXT} pathname={PATH} params={params} range={range} rowCap={view.capped ? view.rowCap : undefined}>
      <div className="mb-4 grid grid-cols-2 gap-3 lg:grid-cols-3">
        <KpiCard testId="kpi-auth-attempts" title="Attempts" kpi={{ current: view.totals.attempts }} unit="count" />
        <KpiCard testId="kpi-auth-success-rate" title="Success rate" kpi={{ current: view.totals.successRatePct }} unit="pct" />
        <KpiCard testId="kpi-auth-avg-duration" title="Avg duration" kpi={{ current: view.totals.avgDurationMs }} unit="ms" />
      </div>
      {view.totals.attempts === 0 ? (
        <EmptyState
          neverReceived={false}
          hint="No authentication attempts in this range. They come from metrics of type auth_request (dimensions success, method, server, user_hash; metadata error_code)."
        />
      ) : (
        <div className="grid gap-4 xl:grid-cols-2">
          <ChartCard title="Success rate" description={`successful attempts per ${view.span.granularity} (%)`} csvHref={csv('success-rate')}>
            <TimeSeriesChart testId="chart-auth-success" kind="lines" unit="pct" points={view.successRate} series={AUTH_SUCCESS_SERIES} />
          </ChartCard>
          <ChartCard title="By method" description="attempts per authentication method" csvHref={csv('by-method')}>
            <CategoryBarChart testId="chart-auth-methods" label="attempts" unit="count" data={view.byMethod.map((m) => ({ name: m.name, value: m.count }))} />
          </ChartCard>
          <ChartCard title="Top error codes" description="error codes of failed attempts" csvHref={csv('error-codes')}>
            {view.topErrorCodes.length ? (
              <CategoryBarChart
                testId="chart-auth-errors"
                label="failures"
                unit="count"
                colorIndex={3}
                data={view.topErrorCodes.map((e) => ({ name: e.name, value: e.count }))}
              />
            ) : (
              <p className="text-sm text-zinc-500">No failed attempts in this range.</p>
            )}
          </ChartCard>
        </div>
      )}
    </ViewShell>
  );
}
