'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartTooltip } from './ChartTooltip';
import { formatValue, type Unit } from './format';
import { AXIS_COLOR, GRID_COLOR, seriesColor } from './palette';

export interface Category {
  name: string;
  value: number | null;
}

/** Horizontal bars, one per category (a tool, a method, an error code), biggest first as given. */
export function CategoryBarChart({
  data,
  unit,
  label,
  testId,
  colorIndex = 0,
}: {
  data: Category[];
  unit: Unit;
  label: string;
  testId: string;
  colorIndex?: number;
}) {
  return (
    <div data-testid={testId} className="w-full" style={{ height: Math.max(120, 36 * data.length + 40) }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
          <CartesianGrid stroke={GRID_COLOR} horizontal={false} />
          <XAxis type="number" stroke={AXIS_COLOR} fontSize={11} tickFormatter={(v: number) => formatValue(v, unit, true)} />
          <YAxis type="category" dataKey="name" stroke={AXIS_COLOR} fontSize={11} width={120} />
          <Tooltip content={<ChartTooltip unit={unit} />} cursor={{ fill: GRID_COLOR }} />
          <Bar dataKey="value" name={label} fill={seriesColor(colorIndex)} maxBarSize={24} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
