'use client';

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, type DotItemDotProps } from 'recharts';
import type { SeriesSpec as Series } from '@/lib/dashboard/chart-series';
import type { TimePointData as TimePoint } from '@/lib/dashboard/time-point';
import { ChartTooltip } from './ChartTooltip';
import { formatBucket, formatTick, type Unit } from './format';
import { AXIS_COLOR, GRID_COLOR, OTHER_COLOR, seriesColor } from './palette';
import { isolatedPoints, valueOf } from './isolated-points';
import { labelWidth, niceTicks } from './ticks';

function IsolatedDot({ cx, cy, index, stroke, isolated }: DotItemDotProps & { isolated: Set<number> }) {
  if (!isolated.has(index) || cx === undefined || cy === undefined) return null;
  return <circle data-testid="isolated-dot" cx={cx} cy={cy} r={3.5} fill={stroke} stroke={stroke} />;
}

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
  const highest =
    kind === 'stacked-bars'
      ? Math.max(0, ...points.map((p) => series.reduce((sum, s) => sum + (valueOf(p, s.key) ?? 0), 0)))
      : Math.max(0, ...points.flatMap((p) => series.map((s) => valueOf(p, s.key) ?? 0)));
  const ticks = niceTicks(highest, unit === 'count');
  const colorOf = (s: Series, i: number) => s.color ?? (s.key === 'other' ? OTHER_COLOR : seriesColor(i));
  const axes = [
    <CartesianGrid key="grid" stroke={GRID_COLOR} vertical={false} />,
    <XAxis key="x" dataKey="bucket" tickFormatter={formatBucket} stroke={AXIS_COLOR} fontSize={11} minTickGap={24} />,
    <YAxis
      key="y"
      stroke={AXIS_COLOR}
      fontSize={11}
      ticks={ticks}
      domain={[0, ticks[ticks.length - 1]]}
      interval={0}
      allowDecimals={unit !== 'count'}
      width={labelWidth(ticks.map((t) => formatTick(t, unit)))}
      tickFormatter={(v: number) => formatTick(v, unit)}
    />,
    <Tooltip
      key="tooltip"
      content={<ChartTooltip unit={unit} total={kind === 'stacked-bars' && series.length > 1} labelFormatter={(l) => `${formatBucket(l)} UTC`} />}
    />,
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
              <Bar key={s.key} name={s.label} dataKey={(p: TimePoint) => p.values[s.key] ?? 0} stackId="stack" fill={colorOf(s, i)} isAnimationActive={false} />
            ))}
          </BarChart>
        ) : (
          <LineChart data={points}>
            {axes}
            {series.map((s, i) => {
              const isolated = isolatedPoints(points, s.key);
              return (
                <Line
                  key={s.key}
                  name={s.label}
                  dataKey={(p: TimePoint) => p.values[s.key] ?? null}
                  stroke={colorOf(s, i)}
                  dot={isolated.size ? (props: DotItemDotProps) => <IsolatedDot key={props.index} {...props} isolated={isolated} /> : false}
                  strokeWidth={2}
                  connectNulls={false}
                  isAnimationActive={false}
                />
              );
            })}
          </LineChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}
