/** How chart axes, tooltips and cards print a value of each unit: `number` is a mean of counts (4.21 results). */
export type Unit = 'count' | 'number' | 'ms' | 'pct';

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const tick = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/**
 * A percentage with one decimal, and two from 99 % up, where 99.65 % and 99.95 % must not both read as
 * "100 %"; below 100 % it never rounds up to 100 %.
 */
export function formatPct(value: number): string {
  if (value >= 99 && value < 100) return `${Math.min(99.99, Math.round(value * 100) / 100).toFixed(2)} %`;
  return `${value.toFixed(1)} %`;
}

export function formatValue(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  // Durations stay in ms everywhere (axes, cards, tooltips), so that numbers compare at a glance.
  if (unit === 'ms') return value >= 100 ? `${count.format(value)} ms` : `${value.toFixed(1)} ms`;
  if (unit === 'pct') return formatPct(value);
  return unit === 'number' ? decimal.format(value) : count.format(value);
}

/** An axis tick: short, without the unit (the chart's description names it), so that it never wraps. */
export function formatTick(value: number, unit: Unit): string {
  if (unit === 'pct') return `${tick.format(value)}%`;
  return value >= 10_000 ? compact.format(value) : tick.format(value);
}

/** Bucket keys as the axis shows them (UTC): `03-10 14:05` for a minute or 5, `03-10 14:00` for an hour, `2026-03-10` for a day. */
export const formatBucket = (bucket: string) => (bucket.length === 10 ? bucket : `${bucket.slice(5, 10)} ${bucket.slice(11, 16).padEnd(5, ':00')}`);
