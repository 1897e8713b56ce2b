'use client';

import { formatValue, type Unit } from './format';

interface Entry {
  name?: string | number;
  value?: unknown;
  color?: string;
}

/** Recharts' tooltip, restyled so that it reads in light and dark mode alike; stacked bars add their total. */
export function ChartTooltip({
  active,
  payload,
  label,
  unit,
  labelFormatter,
  total = false,
}: {
  active?: boolean;
  payload?: readonly Entry[];
  label?: string | number;
  unit: Unit;
  labelFormatter?: (label: string) => string;
  total?: boolean;
}) {
  if (!active || !payload?.length) return null;
  const number = (entry: Entry) => (typeof entry.value === 'number' ? entry.value : null);
  return (
    <div data-testid="chart-tooltip" className="rounded-md border border-zinc-200 bg-white px-3 py-2 text-xs shadow-md dark:border-zinc-700 dark:bg-zinc-900">
      <p className="mb-1 font-medium">{labelFormatter ? labelFormatter(String(label)) : label}</p>
      <ul>
        {payload.map((entry) => (
          <li key={String(entry.name)} className="flex justify-between gap-4">
            <span style={{ color: entry.color }}>{entry.name}</span>
            <span className="tabular-nums">{formatValue(number(entry), unit)}</span>
          </li>
        ))}
        {total && (
          <li className="mt-1 flex justify-between gap-4 border-t border-zinc-200 pt-1 font-medium dark:border-zinc-700">
            <span>Total</span>
            <span className="tabular-nums">
              {formatValue(
                payload.reduce((sum, entry) => sum + (number(entry) ?? 0), 0),
                unit,
              )}
            </span>
          </li>
        )}
      </ul>
    </div>
  );
}
