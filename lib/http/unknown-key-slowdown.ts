import { setTimeout as sleep } from 'node:timers/promises';
import { processWide } from '../process-wide';

/**
 * Keys are 256 random bits, so guessing one is hopeless; still, an address that keeps sending unknown
 * keys (a scan, a misconfigured client in a loop) gets each further 401 later and later, which keeps it
 * from costing the server much. Per process, in memory: a restart forgets, which is harmless here.
 */
export const UNKNOWN_KEY_SLOWDOWN = { freePerMinute: 20, stepMs: 100, maxDelayMs: 5_000, trackedAddresses: 10_000 } as const;

interface Strikes {
  count: number;
  windowStart: number;
}

const strikes = () => processWide('unknown-key-strikes', () => new Map<string, Strikes>());

/** Counts a 401 for `address` and returns how long to hold its answer. */
export function unknownKeyDelayMs(address: string, now: number = Date.now()): number {
  const table = strikes();
  let entry = table.get(address);
  if (!entry || now - entry.windowStart >= 60_000) {
    if (!entry && table.size >= UNKNOWN_KEY_SLOWDOWN.trackedAddresses) table.delete(table.keys().next().value!);
    entry = { count: 0, windowStart: now };
    table.set(address, entry);
  }
  entry.count += 1;
  const over = entry.count - UNKNOWN_KEY_SLOWDOWN.freePerMinute;
  return over > 0 ? Math.min(over * UNKNOWN_KEY_SLOWDOWN.stepMs, UNKNOWN_KEY_SLOWDOWN.maxDelayMs) : 0;
}

/** Holds a 401 for an unknown or missing key as long as its address has earned. */
export async function slowDownUnknownKey(address: string): Promise<void> {
  const delayMs = unknownKeyDelayMs(address);
  if (delayMs) await sleep(delayMs);
}
