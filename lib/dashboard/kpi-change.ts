export interface Kpi {
  current: number | null;
  previous: number | null;
  /** Relative change in percent; null when there is nothing to compare with (no value, or a zero before). */
  changePct: number | null;
}

export function kpiChange(current: number | null, previous: number | null): Kpi {
  const comparable = current !== null && previous !== null && previous !== 0;
  return { current, previous, changePct: comparable ? ((current - previous) / Math.abs(previous)) * 100 : null };
}
