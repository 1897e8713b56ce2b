/** A window's length as the comparison line names it: `45 min`, `24 h`, `36 h 30 min`, `7 d`, `9 d 12 h`. */
export function spanLabel(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const parts = (pairs: [number, string][]) =>
    pairs
      .filter(([n]) => n > 0)
      .map(([n, unit]) => `${n} ${unit}`)
      .join(' ') || '0 min';
  if (minutes <= 48 * 60)
    return parts([
      [Math.floor(minutes / 60), 'h'],
      [minutes % 60, 'min'],
    ]);
  return parts([
    [Math.floor(minutes / 1440), 'd'],
    [Math.round((minutes % 1440) / 60), 'h'],
  ]);
}
