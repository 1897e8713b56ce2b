/**
 * One instance per server process. Next bundles route modules into separate chunks, each with its own
 * copy of a module's top-level state, so state that must be shared (rate-limit buckets, the group
 * committer) hangs off globalThis under a well-known symbol.
 */
export function processWide<T>(name: string, create: () => T): T {
  const holder = globalThis as Record<symbol, unknown>;
  const symbol = Symbol.for(`mcp-metrics.${name}`);
  if (!(symbol in holder)) holder[symbol] = create();
  return holder[symbol] as T;
}
