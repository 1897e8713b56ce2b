import type { Db } from './client';
import { EXTERNAL_CHECKPOINTS_ENV } from './queries/wal';
import { configuredTarget, openTarget, targetLocation } from './target';

/** ~80 MB of WAL: reached only if the checkpointing parent of `npm start` is gone. */
const FALLBACK_AUTOCHECKPOINT_PAGES = 20_000;

// Kept on globalThis: Next bundles a route's modules per chunk, and every chunk must share one handle.
const DB = Symbol.for('mcp-metrics.db');
type DbHolder = { [DB]?: { location: string; db: Db } };

/** The process-wide database, opened on first use (never at import, so `next build` touches no file). */
export function getDb(): Db {
  const holder = globalThis as DbHolder;
  const target = configuredTarget();
  const location = targetLocation(target);
  const current = holder[DB];
  if (current && current.location === location) return current.db;
  void current?.db.close();
  const externalCheckpoints = process.env[EXTERNAL_CHECKPOINTS_ENV] === '1';
  const db = openTarget(target, { autoCheckpointPages: externalCheckpoints ? FALLBACK_AUTOCHECKPOINT_PAGES : undefined, withThreads: true });
  holder[DB] = { location, db };
  return db;
}

export async function closeDb(): Promise<void> {
  const holder = globalThis as DbHolder;
  const current = holder[DB];
  delete holder[DB];
  await current?.db.close();
}
