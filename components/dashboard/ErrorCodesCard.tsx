import { CategoryBarChart } from '@/components/charts/CategoryBarChart';
import { OUTCOME_COLORS } from '@/lib/dashboard/chart-series';
import { ChartCard } from './ChartCard';

/** The most common error codes of a view's failures (Auth, Tools), or a line saying there were none. */
export function ErrorCodesCard({
  testId,
  description,
  codes,
  none,
  csvHref,
}: {
  testId: string;
  description?: string;
  codes: { name: string; count: number }[];
  /** What to say when the range holds no failure. */
  none: string;
  csvHref: string;
}) {
  return (
    <ChartCard title="Top error codes" description={description} csvHref={csvHref}>
      {codes.length ? (
        <CategoryBarChart
          testId={testId}
          label="failures"
          unit="count"
          color={OUTCOME_COLORS.failed}
          data={codes.map((e) => ({ name: e.name, value: e.count }))}
        />
      ) : (
        <p className="text-sm text-zinc-500">{none}</p>
      )}
    </ChartCard>
  );
}
