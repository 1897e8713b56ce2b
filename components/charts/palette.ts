import { OUTCOME_COLORS } from '@/lib/dashboard/chart-series';

// Mid-tone hues that keep their contrast on white and on zinc-950 (dark mode follows the system). No red
// and no green: those mean failed and succeeded (OUTCOME_COLORS), so a service must never look like one.
export const SERIES_COLORS = ['#3b82f6', '#8b5cf6', '#f59e0b', '#06b6d4', '#ec4899', '#6366f1', '#ca8a04', '#64748b'];
export const OTHER_COLOR = OUTCOME_COLORS.unknown;
export const GRID_COLOR = 'rgb(161 161 170 / 0.25)';
export const AXIS_COLOR = '#a1a1aa';

export const seriesColor = (index: number) => SERIES_COLORS[index % SERIES_COLORS.length];
