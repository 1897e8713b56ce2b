'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartTooltip } from './ChartTooltip';
import type { Unit } from './format';
import { AXIS_COLOR, GRID_COLOR, seriesColor } from './palette';
import { labelWidth, niceTicks, valueAxis } from './ticks';

export interface Category {
  name: string;
  value: number | null;
}

// Longer names are cut at the end (the start tells tools apart: "get_current_time_by_…"), whole in the tooltip.
const MAX_LABEL_CHARS = 34;
const shortName = (name: string) => (name.length > MAX_LABEL_CHARS ? `${name.slice(0, MAX_LABEL_CHARS - 1)}…` : name);

function CategoryTick({ x, y, payload }: { x?: number | string; y?: number | string; payload?: { value: unknown } }) {
  const name = String(payload?.value ?? '');
  const shown = shortName(name);
  return (
    <text x={x} y={y} dx={-4} dy={4} textAnchor="end" fill={AXIS_COLOR} fontSize={11} data-testid="category-label">
      {shown !== name && <title>{name}</title>}
      {shown}
    </text>
  );
}

/** Horizontal bars, one per category (a tool, a method, an error code), biggest first as given. */
export function CategoryBarChart({
  data,
  unit,
  label,
  testId,
  color = seriesColor(0),
}: {
  data: Category[];
  unit: Unit;
  label: string;
  testId: string;
  color?: string;
}) {
  const ticks = niceTicks(Math.max(0, ...data.map((d) => d.value ?? 0)), unit === 'count');
  return (
    <div data-testid={testId} className="w-full" style={{ height: Math.max(120, 36 * data.length + 40) }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
          <CartesianGrid stroke={GRID_COLOR} horizontal={false} />
          <XAxis type="number" {...valueAxis(ticks, unit)} />
          <YAxis
            type="category"
            dataKey="name"
            stroke={AXIS_COLOR}
            width={labelWidth(
              data.map((d) => shortName(d.name)),
              48,
              240,
            )}
            tick={<CategoryTick />}
            interval={0}
          />
          <Tooltip content={<ChartTooltip unit={unit} />} cursor={{ fill: GRID_COLOR }} />
          <Bar dataKey="value" name={label} fill={color} maxBarSize={24} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
