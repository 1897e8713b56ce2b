const integer = new Intl.NumberFormat('en-US');

export const formatCount = (n: number) => integer.format(n);

const stored = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
/** A stored value as it is (to 6 decimals), with thousands separators. */
export const formatNumber = (n: number) => stored.format(n);

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** ISO timestamps shown in UTC, to the second, the same on every screen and in the logs. */
export function formatTimestamp(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso.includes('T') || iso.endsWith('Z') ? iso : `${iso.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
