const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Parses an ISO-8601 time as the gateway's clients write it (`datetime.utcnow().isoformat()`: no
 * offset, microseconds). No offset means UTC; an explicit offset is honoured. Returns epoch ms
 * (sub-millisecond digits truncated), or null for anything that is not a valid calendar time.
 */
export function parseTimestamp(text: string): number | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((part) => (part === undefined ? undefined : Number(part))) as number[];
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  if (month! < 1 || month! > 12 || day! < 1 || hour > 23 || minute > 59 || second > 59) return null;
  // Not Date.UTC: it reads years 0-99 as 1900-1999, where setUTCFullYear takes the year as written.
  const date = new Date(0);
  date.setUTCFullYear(year!, month! - 1, day!);
  const utc = date.setUTCHours(hour, minute, second, ms);
  if (new Date(utc).getUTCDate() !== day) return null;
  const zone = m[8];
  if (!zone || zone === 'Z' || zone === 'z') return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  if (offsetMinutes > 18 * 60) return null;
  return utc - sign * offsetMinutes * 60_000;
}

/** The stored form: UTC ISO-8601 with milliseconds and `Z`. */
export const formatTimestamp = (epochMs: number) => new Date(epochMs).toISOString();
