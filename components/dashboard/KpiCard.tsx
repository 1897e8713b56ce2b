import type { Kpi } from '@/lib/dashboard/kpi-change';
import { formatValue, type Unit } from '@/components/charts/format';

/**
 * A headline number, with its change against the previous period when `kpi` carries one
 * (`higherIsWorse` colors that change).
 */
export function KpiCard({
  title,
  kpi,
  unit,
  higherIsWorse = false,
  testId,
}: {
  title: string;
  kpi: Kpi | { current: number | null };
  unit: Unit;
  higherIsWorse?: boolean;
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
        <p className={`mt-1 text-xs ${tone}`}>
          {change === null
            ? 'no previous period to compare'
            : `${change > 0 ? '▲' : change < 0 ? '▼' : '■'} ${Math.abs(change).toFixed(1)} % vs previous period`}
        </p>
      )}
    </div>
  );
}
