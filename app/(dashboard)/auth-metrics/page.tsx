import { CategoryBarChart } from '@/components/charts/CategoryBarChart';
import { TimeSeriesChart } from '@/components/charts/TimeSeriesChart';
import { ChartCard } from '@/components/dashboard/ChartCard';
import { ErrorCodesCard } from '@/components/dashboard/ErrorCodesCard';
import { AUTH_SUCCESS_SERIES } from '@/lib/dashboard/chart-series';
import { loadAuthView } from '@/lib/dashboard/load-auth-view';
import { GRANULARITY_NAMES } from '@/lib/dashboard/time-range';
import { parseOutcomeViewParams } from '@/lib/dashboard/validation';
import { viewPage } from '../view-page';

export const dynamic = 'force-dynamic';

export default viewPage({
  path: '/auth-metrics',
  exportName: 'auth',
  title: 'Auth',
  metricType: 'auth_request',
  description: 'Authentication attempts from auth_request metrics: success rate, methods and error codes.',
  parse: parseOutcomeViewParams,
  load: loadAuthView,
  kpis: (view) => [
    { testId: 'kpi-auth-attempts', title: 'Attempts', value: view.totals.attempts, unit: 'count' },
    { testId: 'kpi-auth-success-rate', title: 'Success rate', value: view.totals.successRatePct, unit: 'pct' },
    { testId: 'kpi-auth-avg-duration', title: 'Avg duration', value: view.totals.avgDurationMs, unit: 'ms' },
  ],
  rows: (view) => view.totals.attempts,
  emptyHint:
    'No authentication attempts in this range. They come from metrics of type auth_request (dimensions success, method, server, user_hash; metadata error_code).',
  filters: [{ name: 'server', label: 'Server', allLabel: 'All servers', choices: (view) => view.servers }],
  charts: (view, csv) => (
    <>
      <ChartCard title="Success rate" description={`successful attempts per ${GRANULARITY_NAMES[view.span.granularity].per} (%)`} csvHref={csv('success-rate')}>
        <TimeSeriesChart testId="chart-auth-success" kind="lines" unit="pct" points={view.successRate} series={AUTH_SUCCESS_SERIES} />
      </ChartCard>
      <ChartCard title="By method" description="attempts per authentication method" csvHref={csv('by-method')}>
        <CategoryBarChart testId="chart-auth-methods" label="attempts" unit="count" data={view.byMethod.map((m) => ({ name: m.name, value: m.count }))} />
      </ChartCard>
      <ErrorCodesCard
        testId="chart-auth-errors"
        description="error codes of failed attempts"
        codes={view.topErrorCodes}
        none="No failed attempts in this range."
        csvHref={csv('error-codes')}
      />
    </>
  ),
});
