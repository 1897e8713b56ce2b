import type { TimePointData as TimePoint } from '@/lib/dashboard/time-point';

export const valueOf = (point: TimePoint | undefined, key: string) => point?.values[key] ?? null;

/**
 * The indexes of a series' isolated points (a value with no value on either side): a line cannot be
 * drawn through them, so they get a dot, or a chart holding data would look empty until hovered.
 */
export function isolatedPoints(points: readonly TimePoint[], key: string): Set<number> {
  const isolated = new Set<number>();
  points.forEach((point, i) => {
    if (valueOf(point, key) !== null && valueOf(points[i - 1], key) === null && valueOf(points[i + 1], key) === null) isolated.add(i);
  });
  return isolated;
}
