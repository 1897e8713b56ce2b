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

/** A stored time: ISO 8601 (with Z, or read as UTC without), or SQLite's `YYYY-MM-DD HH:MM:SS` (UTC); null for other text. */
function parseStored(text: string): Date | null {
  if (!/^\d{4}-\d\d-\d\d[T ]\d\d:\d\d/.test(text)) return null;
  const iso = text.replace(' ', 'T');
  const date = new Date(/(Z|[+-]\d\d:?\d\d)$/i.test(iso) ? iso : `${iso}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

const pad = (n: number) => String(n).padStart(2, '0');

const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(timeZone: string, at: Date): Record<string, string> {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    const fields = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' } as const;
    formatters.set(timeZone, (formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', ...fields })));
  }
  return Object.fromEntries(formatter.formatToParts(at).map((part) => [part.type, part.value]));
}

/** "UTC" at offset 0, else the offset from it (`UTC+05:30`): computed, not ICU's own name, so server and browser print the same. */
function offsetName(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const abs = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export interface ZonedTime {
  /** The instant, ISO 8601 in UTC. */
  iso: string;
  /** `YYYY-MM-DD` and `HH:MM:SS` on the wall clock of the zone. */
  date: string;
  time: string;
  /** The zone named: "UTC", or the offset from UTC at that instant. */
  zone: string;
}

/** A stored time on the wall clock of `timeZone` (an IANA name), or null for text that is no time. */
export function zonedTime(stored: string, timeZone: string): ZonedTime | null {
  const at = parseStored(stored);
  if (!at) return null;
  const iso = at.toISOString();
  if (timeZone === 'UTC') return { iso, date: iso.slice(0, 10), time: iso.slice(11, 19), zone: 'UTC' };
  const p = wallClock(timeZone, at);
  const [date, time] = [`${p.year}-${p.month}-${p.day}`, `${p.hour}:${p.minute}:${p.second}`];
  const offsetMs = Date.parse(`${date}T${time}Z`) - Math.floor(at.getTime() / 1000) * 1000;
  return { iso, date, time, zone: offsetName(Math.round(offsetMs / 60_000)) };
}
