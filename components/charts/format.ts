/** How chart axes, tooltips and cards print a value of each unit. */
export type Unit = 'count' | 'ms' | 'pct';

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export function formatValue(value: number | null | undefined, unit: Unit, short = false): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  // Durations stay in ms everywhere (axes, cards, tooltips), so that numbers compare at a glance.
  if (unit === 'ms') return value >= 100 || short ? `${count.format(value)} ms` : `${value.toFixed(1)} ms`;
  if (unit === 'pct') return `${value.toFixed(value >= 10 || short ? 0 : 1)} %`;
  return short ? compact.format(value) : count.format(value);
}

/** Bucket keys as the axis shows them (UTC): `03-10 14:00` for an hour, `2026-03-10` for a day. */
export const formatBucket = (bucket: string) => (bucket.length === 13 ? `${bucket.slice(5, 10)} ${bucket.slice(11)}:00` : bucket);
