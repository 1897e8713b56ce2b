import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase, type Sqlite } from '../../db/connection';
import { loadMigrations } from '../../lib/migrate/load';
import { migrateUp } from '../../lib/migrate/up';

/** A fresh directory under the OS temp dir, removed by the returned cleanup. */
export function tempDir(prefix = 'mcp-metrics-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A migrated database in a temp file, also made the process default (SQLITE_DB_PATH) so that
 * route handlers and query modules under test use it.
 */
export async function migratedDatabase(): Promise<{ db: Sqlite; file: string; cleanup: () => void }> {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'metrics.db');
  process.env.SQLITE_DB_PATH = file;
  const db = openDatabase(file);
  migrateUp(db, await loadMigrations());
  return {
    db,
    file,
    cleanup: () => {
      db.close();
      closeDatabase();
      cleanup();
    },
  };
}
