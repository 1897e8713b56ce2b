/**
 * JSON text as both engines store it alike: PostgreSQL's jsonb keeps an object's keys sorted (shorter
 * keys first, then by their UTF-8 bytes) and reads back compacted by the driver (db/postgres-client.ts),
 * so writing that order on SQLite too makes stored dimensions and metadata, and so every CSV and page
 * that shows them, identical on both.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    const entries = Object.entries(item);
    entries.sort(([a], [b]) => jsonbKeyOrder(a, b));
    return Object.fromEntries(entries);
  });
}

function jsonbKeyOrder(a: string, b: string): number {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length - right.length || Buffer.compare(left, right);
}
