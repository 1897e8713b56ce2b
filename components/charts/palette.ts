// Mid-tone hues that keep their contrast on white and on zinc-950 (dark mode follows the system).
export const SERIES_COLORS = ['#3b82f6', '#10b981', '#f59e0b', '#ef4444', '#8b5cf6', '#ec4899', '#14b8a6', '#a1a1aa'];
export const GRID_COLOR = 'rgb(161 161 170 / 0.25)';
export const AXIS_COLOR = '#a1a1aa';

export const seriesColor = (index: number) => SERIES_COLORS[index % SERIES_COLORS.length];
