'use client';

import { useRef, useState, type MouseEvent } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type DotItemDotProps,
  type MouseHandlerDataParam,
} from 'recharts';
import { usePendingNavigation } from '@/components/dashboard/PendingNavigation';
import { useHydrated } from '@/components/forms/use-hydrated';
import { bucketsWindow, explorerHref, hiddenSeries, toggleSeriesHref, zoomHref } from '@/lib/dashboard/chart-links';
import type { ChartMarker, ChartThreshold } from '@/lib/dashboard/chart-marks';
import type { SeriesSpec as Series } from '@/lib/dashboard/chart-series';
import type { TimePointData as TimePoint } from '@/lib/dashboard/time-point';
import { CROSSHAIR_SYNC_ID, useChartPage } from './ChartPage';
import { ChartTooltip } from './ChartTooltip';
import { useBucketFormat } from './TimeZone';
import { formatTick, type Unit } from './format';
import { AXIS_COLOR, GRID_COLOR, OTHER_COLOR, seriesColor } from './palette';
import { isolatedPoints, valueOf } from './isolated-points';
import { labelWidth, niceTicks, valueAxis } from './ticks';

function IsolatedDot({ cx, cy, index, stroke, isolated }: DotItemDotProps & { isolated: Set<number> }) {
  if (!isolated.has(index) || cx === undefined || cy === undefined) return null;
  return <circle data-testid="isolated-dot" cx={cx} cy={cy} r={3.5} fill={stroke} stroke={stroke} />;
}

/** An annotation marker's head: a diamond above the plot, its annotations as a tooltip (SVG title). */
function MarkerHead({ viewBox, text }: { viewBox?: { x?: number; y?: number }; text: string }) {
  if (viewBox?.x === undefined || viewBox.y === undefined) return null;
  return (
    <g data-testid="annotation-marker" transform={`translate(${viewBox.x}, ${viewBox.y})`}>
      <title>{text}</title>
      <path d="M0 -1 L5 5 L0 11 L-5 5 Z" fill="#a855f7" />
    </g>
  );
}

/** An alert rule's threshold: its value on the line's right end. */
function ThresholdLabel({ viewBox, text }: { viewBox?: { x?: number; y?: number; width?: number }; text: string }) {
  if (viewBox?.x === undefined || viewBox.y === undefined) return null;
  return (
    <text data-testid="threshold-line" x={viewBox.x + (viewBox.width ?? 0) - 4} y={viewBox.y - 4} textAnchor="end" fontSize={10} fill="#ef4444">
      {text}
    </text>
  );
}

/**
 * The page's markers on this chart's buckets: each on the last bucket starting at or before it (keys are ISO
 * prefixes, so a minute's `…T14:05` falls in the hour `…T14` of a chart by the hour), one per bucket.
 */
function markersOn(points: TimePoint[], markers: ChartMarker[]): ChartMarker[] {
  const byBucket = new Map<string, string[]>();
  for (const marker of markers) {
    const holder = points.findLast((p) => p.bucket <= marker.bucket);
    if (holder) byBucket.set(holder.bucket, [...(byBucket.get(holder.bucket) ?? []), marker.label]);
  }
  return [...byBucket].map(([bucket, labels]) => ({ bucket, label: labels.join('\n') }));
}

const labelOf = (state: MouseHandlerDataParam | undefined) => (state?.activeLabel === undefined ? undefined : String(state.activeLabel));

/**
 * A time axis of UTC buckets with stacked bars (counts) or lines (durations, rates); plain data in. Inside a
 * ChartPage it is interactive: the legend's entries show or hide their series (`hide=` in the URL) and link
 * to the Explorer for that series; a click on a bar or point opens the Explorer on that bucket (and series);
 * a drag across buckets zooms the page into them; the crosshair follows the page's other charts.
 */
export function TimeSeriesChart({
  points,
  series,
  kind,
  unit,
  testId,
  chartId,
  thresholds = [],
  bucketMs,
}: {
  points: TimePoint[];
  series: Series[];
  kind: 'stacked-bars' | 'lines';
  unit: Unit;
  testId: string;
  /** The chart's name in `hide=` (defaults to testId). */
  chartId?: string;
  /** Alert rules' thresholds, in the chart's unit. */
  thresholds?: ChartThreshold[];
  /** The length of this chart's buckets where it is not the page's (lines by the hour on a page of minutes). */
  bucketMs?: number;
}) {
  const page = useChartPage();
  const chartWindow = page && (bucketMs === undefined ? page.window : { ...page.window, stepMs: bucketMs });
  const { navigate } = usePendingNavigation();
  const id = chartId ?? testId;
  const hidden = hiddenSeries(page?.params.hide, id);
  const shown = series.filter((s) => !hidden.has(s.key));
  const [drag, setDrag] = useState<{ start: string; end: string } | null>(null);
  const { format, label } = useBucketFormat();
  // The series of the bar a press landed on (its layer's class `series-<index>`), read from the DOM before
  // recharts hears of the press: a click on it drills down into that series.
  const pressedSeries = useRef<Series | undefined>(undefined);
  const notePress = (event: MouseEvent<HTMLDivElement>) => {
    // Every element under the pointer: the tooltip's cursor is drawn over the bars.
    const layer = document
      .elementsFromPoint(event.clientX, event.clientY)
      .map((element) => element.closest('.recharts-bar'))
      .find((found) => found !== null);
    const index = layer ? /\bseries-(\d+)\b/.exec(layer.getAttribute('class') ?? '')?.[1] : undefined;
    pressedSeries.current = index === undefined ? undefined : series[Number(index)];
  };
  const pressed = useRef<{ start: string; end: string } | null>(null);

  const highest =
    kind === 'stacked-bars'
      ? Math.max(0, ...points.map((p) => shown.reduce((sum, s) => sum + (valueOf(p, s.key) ?? 0), 0)))
      : Math.max(0, ...points.flatMap((p) => shown.map((s) => valueOf(p, s.key) ?? 0)), ...thresholds.map((t) => t.value));
  const ticks = niceTicks(highest, unit === 'count');
  const colorOf = (s: Series) => s.color ?? (s.key === 'other' ? OTHER_COLOR : seriesColor(series.indexOf(s)));
  const explore = (s: Series | undefined, first: string, last: string) =>
    page && chartWindow && navigate(explorerHref({ ...page.explore, ...s?.explore }, bucketsWindow(first, last, chartWindow)));

  // A press and release on one bucket is a click (drill down into it, and into the bar's series when a bar was
  // pressed); across buckets, a zoom.
  // The ref holds the press between events that come faster than a render (a click); the state draws the selection.
  const press = (next: { start: string; end: string } | null) => {
    pressed.current = next;
    setDrag(next);
  };
  const handlers = page &&
    chartWindow && {
      onMouseDown: (state: MouseHandlerDataParam) => {
        const at = labelOf(state);
        if (at) press({ start: at, end: at });
      },
      onMouseMove: (state: MouseHandlerDataParam) => {
        const at = labelOf(state);
        if (pressed.current && at && at !== pressed.current.end) press({ ...pressed.current, end: at });
      },
      onMouseUp: (state: MouseHandlerDataParam) => {
        const start = pressed.current?.start;
        const end = labelOf(state) ?? pressed.current?.end;
        const pressedOn = pressedSeries.current;
        press(null);
        if (!start || !end) return;
        if (start === end) explore(pressedOn, end, end);
        else navigate(zoomHref(page.pathname, page.params, start, end, chartWindow));
      },
      onMouseLeave: () => press(null),
    };

  const axes = [
    <CartesianGrid key="grid" stroke={GRID_COLOR} vertical={false} />,
    <XAxis key="x" dataKey="bucket" tickFormatter={format} stroke={AXIS_COLOR} fontSize={11} minTickGap={24} />,
    <YAxis key="y" {...valueAxis(ticks, unit)} width={labelWidth(ticks.map((t) => formatTick(t, unit)))} />,
    <Tooltip key="tooltip" content={<ChartTooltip unit={unit} total={kind === 'stacked-bars' && shown.length > 1} labelFormatter={label} />} />,
    ...thresholds.map((t) => (
      <ReferenceLine
        key={`threshold-${t.label}-${t.value}`}
        y={t.value}
        stroke="#ef4444"
        strokeDasharray="4 4"
        label={<ThresholdLabel text={`${t.label} ${t.value}`} />}
      />
    )),
    ...markersOn(points, page?.markers ?? []).map((m) => (
      <ReferenceLine key={`marker-${m.bucket}`} x={m.bucket} stroke="#a855f7" strokeDasharray="2 3" label={<MarkerHead text={m.label} />} />
    )),
    drag && drag.start !== drag.end && <ReferenceArea key="zoom" x1={drag.start} x2={drag.end} fill="#3b82f6" fillOpacity={0.15} />,
  ];
  // Charts of the same buckets share the crosshair (recharts syncs them by point index): lines by the hour
  // on a page of minutes move their own.
  const chartProps = { data: points, syncId: `${CROSSHAIR_SYNC_ID}-${chartWindow?.stepMs}`, ...handlers };
  return (
    <div data-testid={testId} className={page ? 'w-full cursor-crosshair select-none' : 'w-full'} onMouseDownCapture={notePress}>
      <div className="h-56 w-full sm:h-64">
        <ResponsiveContainer width="100%" height="100%">
          {kind === 'stacked-bars' ? (
            <BarChart {...chartProps}>
              {axes}
              {series.map((s) => (
                <Bar
                  key={s.key}
                  name={s.label}
                  dataKey={(p: TimePoint) => p.values[s.key] ?? 0}
                  stackId="stack"
                  fill={colorOf(s)}
                  hide={hidden.has(s.key)}
                  isAnimationActive={false}
                  className={`series-${series.indexOf(s)}`}
                />
              ))}
            </BarChart>
          ) : (
            <LineChart {...chartProps}>
              {axes}
              {series.map((s) => {
                const isolated = isolatedPoints(points, s.key);
                return (
                  <Line
                    key={s.key}
                    name={s.label}
                    dataKey={(p: TimePoint) => p.values[s.key] ?? null}
                    stroke={colorOf(s)}
                    hide={hidden.has(s.key)}
                    dot={isolated.size ? (props: DotItemDotProps) => <IsolatedDot key={props.index} {...props} isolated={isolated} /> : false}
                    activeDot={{ r: 4 }}
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
      <ChartLegend
        chartId={id}
        series={series}
        hidden={hidden}
        colorOf={colorOf}
        explore={(s) => points.length > 0 && explore(s, points[0].bucket, points.at(-1)!.bucket)}
      />
    </div>
  );
}

/** The series in the order given (biggest first): a click shows or hides one, its arrow opens the Explorer on it. */
function ChartLegend({
  chartId,
  series,
  hidden,
  colorOf,
  explore,
}: {
  chartId: string;
  series: Series[];
  hidden: Set<string>;
  colorOf: (s: Series) => string;
  explore: (s: Series) => void;
}) {
  const page = useChartPage();
  const { navigate } = usePendingNavigation();
  // Before hydration a click on an entry would do nothing.
  const hydrated = useHydrated();
  return (
    <ul className="mt-1 flex flex-wrap justify-center gap-x-3 gap-y-1 text-xs" aria-label="Series">
      {series.map((s) => {
        const off = hidden.has(s.key);
        return (
          <li key={s.key} className="flex items-center gap-1">
            <button
              type="button"
              data-testid="legend-entry"
              aria-pressed={!off}
              disabled={!page || !hydrated}
              title={off ? `Show ${s.label}` : `Hide ${s.label}`}
              onClick={() => page && navigate(toggleSeriesHref(page.pathname, page.params, chartId, s.key))}
              className={`flex items-center gap-1 rounded px-1 ${off ? 'text-zinc-400 line-through dark:text-zinc-600' : ''} ${page ? 'hover:bg-zinc-100 dark:hover:bg-zinc-800' : ''}`}
            >
              <span
                aria-hidden
                className="inline-block h-2.5 w-2.5 rounded-sm"
                style={{ background: off ? 'transparent' : colorOf(s), border: `1px solid ${colorOf(s)}` }}
              />
              {s.label}
            </button>
            {page && (
              <button
                type="button"
                aria-label={`Explore ${s.label}`}
                disabled={!hydrated}
                title={`Raw metrics of ${s.label} in this window`}
                onClick={() => explore(s)}
                className="text-zinc-400 hover:text-blue-600"
              >
                ↗
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
