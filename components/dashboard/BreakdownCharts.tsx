import { TimeSeriesChart } from '@/components/charts/TimeSeriesChart';
import { bucketStepMs } from '@/lib/dashboard/buckets';
import { OTHER_LINE, type Breakdown, type Split } from '@/lib/dashboard/breakdown';
import type { ThresholdsByCondition } from '@/lib/dashboard/chart-marks';
import type { SeriesSpec } from '@/lib/dashboard/chart-series';
import { GRANULARITY_NAMES } from '@/lib/dashboard/time-range';
import { ChartCard } from './ChartCard';
import { FilterSelect } from './FilterSelect';

// The Explorer filter each split's series stands for.
const EXPLORE_BY: Record<Split, string> = { service: 'service', tool: 'tool_name', server: 'server', client: 'client' };

/** Latency (a quantile) and error-rate lines per service, tool, server or client, side by side; `split` and `stat` in the URL. */
export function BreakdownCharts({
  breakdown,
  thresholds,
  pathname,
  params,
  csv,
}: {
  breakdown: Breakdown;
  /** Alert rules' thresholds: p95 ones on the p95 lines, error-rate ones on the error lines. */
  thresholds: ThresholdsByCondition;
  pathname: string;
  params: Record<string, string>;
  csv: (chart: string) => string;
}) {
  const filter = EXPLORE_BY[breakdown.split];
  const per = GRANULARITY_NAMES[breakdown.granularity].per;
  const series = breakdown.series.map((s): SeriesSpec => ({
    key: s,
    label: s,
    explore: s === OTHER_LINE ? undefined : { [filter]: s },
  }));
  return (
    <section aria-label="By dimension" className="mt-4">
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <h2 className="font-medium">Latency and errors by</h2>
        <FilterSelect
          pathname={pathname}
          params={params}
          name="split"
          label="Split by"
          value={breakdown.split === 'service' ? undefined : breakdown.split}
          allLabel="service"
          options={[
            { value: 'tool', label: 'tool' },
            { value: 'server', label: 'server' },
            { value: 'client', label: 'client' },
          ]}
        />
        <FilterSelect
          pathname={pathname}
          params={params}
          name="stat"
          label="Quantile"
          value={breakdown.stat === 'p95' ? undefined : breakdown.stat}
          allLabel="p95"
          options={[
            { value: 'p50', label: 'p50' },
            { value: 'p99', label: 'p99' },
          ]}
        />
      </div>
      {breakdown.unavailable ? (
        <p data-testid="breakdown-unavailable" className="text-sm text-zinc-500">
          {breakdown.unavailable}
        </p>
      ) : (
        <div className="grid gap-4 xl:grid-cols-2">
          <ChartCard
            title={`${breakdown.stat} latency`}
            description={`per ${breakdown.split}, per ${per} (ms)${breakdown.split === 'service' ? '' : '; whole hours at the window’s edges'}`}
            csvHref={csv('latency-by')}
          >
            <TimeSeriesChart
              testId="chart-latency-by"
              chartId="latency-by"
              kind="lines"
              unit="ms"
              points={breakdown.latency}
              series={series}
              bucketMs={bucketStepMs(breakdown.granularity)}
              thresholds={breakdown.stat === 'p95' ? thresholds.p95_ms : []}
            />
          </ChartCard>
          <ChartCard
            title="Error rate"
            description={`per ${breakdown.split}: failed among those reporting an outcome, per ${per} (%)`}
            csvHref={csv('errors-by')}
          >
            <TimeSeriesChart
              testId="chart-errors-by"
              chartId="errors-by"
              kind="lines"
              unit="pct"
              points={breakdown.errorRate}
              series={series}
              bucketMs={bucketStepMs(breakdown.granularity)}
              thresholds={thresholds.error_rate_pct}
            />
          </ChartCard>
        </div>
      )}
    </section>
  );
}
