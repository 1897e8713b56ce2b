import { invalidQueryParameter } from '../invalid-input';

/** The auto-refresh choices of a chart page (`refresh=` in the URL; absent: off), and their periods. */
export const REFRESH_CHOICES = { off: null, '10s': 10_000, '30s': 30_000, '1m': 60_000 } as const;

export type RefreshChoice = keyof typeof REFRESH_CHOICES;

/** The URL's `refresh` value; anything else is an InvalidInput naming the parameter. */
export function parseRefresh(value: string | undefined): RefreshChoice {
  if (value === undefined || value === '') return 'off';
  if (Object.hasOwn(REFRESH_CHOICES, value)) return value as RefreshChoice;
  throw invalidQueryParameter('refresh', `expected one of ${Object.keys(REFRESH_CHOICES).join(', ')}, got "${value.slice(0, 40)}"`);
}
