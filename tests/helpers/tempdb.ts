import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../db/client';
import { closeDb, getDb } from '../../db/connection';
import { openDatabase, type Sqlite } from '../../db/sqlite-file';
import { loadMigrations } from '../../lib/migrate/load';
import { migrateUp } from '../../lib/migrate/up';

/** A fresh directory under the OS temp dir, removed by the returned cleanup. */
export function tempDir(prefix = 'mcp-metrics-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface TestDatabase {
  /** The process-wide database (getDb()) on a fresh migrated file: what route handlers under test use too. */
  db: Db;
  /** A plain connection to the same file, for looking at (or planting) rows directly. */
  sqlite: Sqlite;
  file: string;
  cleanup: () => Promise<void>;
}

/** A migrated database in a temp file, made the process default (SQLITE_DB_PATH) so that route handlers and verbs under test use it. */
export async function migratedDatabase(): Promise<TestDatabase> {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'metrics.db');
  process.env.SQLITE_DB_PATH = file;
  const db = getDb();
  await migrateUp(db, await loadMigrations());
  const sqlite = openDatabase(file);
  return {
    db,
    sqlite,
    file,
    cleanup: async () => {
      sqlite.close();
      await closeDb();
      cleanup();
    },
  };
}
