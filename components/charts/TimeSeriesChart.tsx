'use client';

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SeriesSpec as Series } from '@/lib/dashboard/chart-series';
import type { TimePointData as TimePoint } from '@/lib/dashboard/time-point';
import { ChartTooltip } from './ChartTooltip';
import { formatBucket, formatValue, type Unit } from './format';
import { AXIS_COLOR, GRID_COLOR, seriesColor } from './palette';

/** A time axis of UTC buckets with stacked bars (counts) or lines (durations, rates); plain data in. */
export function TimeSeriesChart({
  points,
  series,
  kind,
  unit,
  testId,
}: {
  points: TimePoint[];
  series: Series[];
  kind: 'stacked-bars' | 'lines';
  unit: Unit;
  testId: string;
}) {
  const axes = [
    <CartesianGrid key="grid" stroke={GRID_COLOR} vertical={false} />,
    <XAxis key="x" dataKey="bucket" tickFormatter={formatBucket} stroke={AXIS_COLOR} fontSize={11} minTickGap={24} />,
    <YAxis key="y" stroke={AXIS_COLOR} fontSize={11} width={64} tickFormatter={(v: number) => formatValue(v, unit, true)} />,
    <Tooltip key="tooltip" content={<ChartTooltip unit={unit} labelFormatter={(l) => `${formatBucket(l)} UTC`} />} />,
    // In the order given (biggest series first), not sorted by name.
    <Legend key="legend" wrapperStyle={{ fontSize: 12 }} itemSorter={null} />,
  ];
  return (
    <div data-testid={testId} className="h-64 w-full sm:h-72">
      <ResponsiveContainer width="100%" height="100%">
        {kind === 'stacked-bars' ? (
          <BarChart data={points}>
            {axes}
            {series.map((s, i) => (
              <Bar
                key={s.key}
                name={s.label}
                dataKey={(p: TimePoint) => p.values[s.key] ?? 0}
                stackId="stack"
                fill={s.color ?? seriesColor(i)}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        ) : (
          <LineChart data={points}>
            {axes}
            {series.map((s, i) => (
              <Line
                key={s.key}
                name={s.label}
                dataKey={(p: TimePoint) => p.values[s.key] ?? null}
                stroke={s.color ?? seriesColor(i)}
                dot={false}
                strokeWidth={2}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}
