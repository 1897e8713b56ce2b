import { processWide } from './process-wide';

/**
 * Database reads kept per server process for `keptMs`, all forgotten at once when this process changes
 * what they come from (`forget`, after the change has committed): another process's change shows within
 * `keptMs`. A read that began before a forget does not refill the cache with what it read.
 */
export function readCache<V>(name: string, keptMs: number, maxEntries = 10_000) {
  const state = () => processWide(`read-cache.${name}`, () => ({ changes: 0, entries: new Map<string, { value: V; readAt: number }>() }));
  return {
    /** `id`'s value as read at most keptMs before `now`, else `load`ed (and kept unless `keep` says no). */
    async read(id: string, load: () => Promise<V>, now: number, keep: (value: V) => boolean = () => true): Promise<V> {
      const { changes, entries } = state();
      const entry = entries.get(id);
      if (entry && now - entry.readAt < keptMs) return entry.value;
      const value = await load();
      if (!keep(value)) entries.delete(id);
      else if (state().changes === changes) {
        if (entries.size >= maxEntries) entries.clear();
        entries.set(id, { value, readAt: now });
      }
      return value;
    },
    forget(): void {
      const current = state();
      current.changes++;
      current.entries.clear();
    },
  };
}
