'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { ChartWindow } from '@/lib/dashboard/chart-links';
import type { ChartMarker } from '@/lib/dashboard/chart-marks';

/**
 * What the time charts of one page share: the page's URL (legend toggles and zooms change it), its window
 * and bucket length (a click names a bucket's part of it), the Explorer filters the page's own filters stand
 * for (drill-downs keep them), the annotation markers, and one crosshair (recharts syncId) per bucket length.
 */
export interface ChartPageState {
  pathname: string;
  params: Record<string, string>;
  window: ChartWindow;
  explore: Record<string, string | undefined>;
  /** The annotations of the window, drawn on every time chart of the page. */
  markers: ChartMarker[];
}

const ChartPageContext = createContext<ChartPageState | null>(null);

export function ChartPage({ state, children }: { state: ChartPageState; children: ReactNode }) {
  return <ChartPageContext value={state}>{children}</ChartPageContext>;
}

export const useChartPage = () => useContext(ChartPageContext);

/** Every time chart of a page moves the same crosshair. */
export const CROSSHAIR_SYNC_ID = 'page-crosshair';
