/**
 * JSON text as both engines store it alike: PostgreSQL's jsonb keeps an object's keys sorted (shorter
 * keys first, then by their UTF-8 bytes) and reads back compacted by the driver (db/postgres-client.ts),
 * so writing that order on SQLite too makes stored dimensions and metadata, and so every CSV and page
 * that shows them, identical on both.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    // Most objects arrive in order already (a client sends the same keys the same way): kept as they are.
    const keys = Object.keys(item);
    if (keys.every((key, i) => i === 0 || jsonbKeyOrder(keys[i - 1]!, key) <= 0)) return item;
    const entries = Object.entries(item);
    entries.sort(([a], [b]) => jsonbKeyOrder(a, b));
    return Object.fromEntries(entries);
  });
}

const ASCII = /^[\x00-\x7f]*$/;

// ASCII keys (nearly all) compare as strings, without encoding them: encoding every key pair to UTF-8
// was a third of the ingest path's preparation of a metric (~3 of 8 µs, measured on bench:ingest's mix).
function jsonbKeyOrder(a: string, b: string): number {
  if (ASCII.test(a) && ASCII.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length - right.length || Buffer.compare(left, right);
}
