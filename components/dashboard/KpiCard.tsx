import type { Kpi } from '@/lib/dashboard/kpi-change';
import { formatValue, type Unit } from '@/components/charts/format';

/**
 * A headline number, with its change against the window of the same length before when `kpi` carries
 * one (`previous` names that window, `higherIsWorse` colors the change).
 */
export function KpiCard({
  title,
  kpi,
  unit,
  higherIsWorse = false,
  previous = 'previous period',
  testId,
}: {
  title: string;
  kpi: Kpi | { current: number | null };
  unit: Unit;
  higherIsWorse?: boolean;
  previous?: string;
  testId: string;
}) {
  const compared = 'changePct' in kpi;
  const change = compared ? kpi.changePct : null;
  const tone =
    change === null || Math.abs(change) < 0.05
      ? 'text-zinc-500 dark:text-zinc-400'
      : change > 0 === higherIsWorse
        ? 'text-red-600 dark:text-red-400'
        : 'text-emerald-600 dark:text-emerald-400';
  return (
    <div data-testid={testId} className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <p className="text-xs font-medium text-zinc-500 uppercase dark:text-zinc-400">{title}</p>
      <p data-testid={`${testId}-value`} className="mt-1 text-2xl font-semibold tabular-nums">
        {formatValue(kpi.current, unit)}
      </p>
      {compared && (
        <p data-testid={`${testId}-change`} className={`mt-1 text-xs ${tone}`}>
          {change === null
            ? `nothing to compare in the ${previous}`
            : `${change > 0 ? '▲' : change < 0 ? '▼' : '■'} ${Math.abs(change).toFixed(1)} % vs the ${previous}`}
        </p>
      )}
    </div>
  );
}
