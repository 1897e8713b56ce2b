/** The lines and bars of each chart: the pages draw them and the CSV exports write the same columns. */
export interface SeriesSpec {
  key: string;
  label: string;
  /** A fixed color where it means something (green succeeded, red failed); otherwise the palette's next. */
  color?: string;
  /** The Explorer filters this series stands for (a click on it drills down with them), besides the page's own. */
  explore?: Record<string, string>;
}

/** Colors that mean an outcome; no other series is drawn in them (components/charts/palette.ts). */
export const OUTCOME_COLORS = { succeeded: '#10b981', failed: '#ef4444', unknown: '#a1a1aa' } as const;

export const DURATION_SERIES: SeriesSpec[] = [
  { key: 'avg', label: 'avg' },
  { key: 'p50', label: 'p50' },
  { key: 'p95', label: 'p95' },
  { key: 'p99', label: 'p99' },
];
export const AUTH_SUCCESS_SERIES: SeriesSpec[] = [{ key: 'success', label: 'success rate' }];
export const DISCOVERY_TIMING_SERIES: SeriesSpec[] = [
  { key: 'embedding', label: 'embedding' },
  { key: 'search', label: 'vector search' },
];
export const DISCOVERY_RESULTS_SERIES: SeriesSpec[] = [{ key: 'results', label: 'results per query' }];
export const TOOL_CALL_SERIES: SeriesSpec[] = [
  { key: 'succeeded', label: 'succeeded', color: OUTCOME_COLORS.succeeded, explore: { success: 'true' } },
  { key: 'failed', label: 'failed', color: OUTCOME_COLORS.failed, explore: { success: 'false' } },
  { key: 'unknown', label: 'no outcome', color: OUTCOME_COLORS.unknown, explore: { success: 'none' } },
];
