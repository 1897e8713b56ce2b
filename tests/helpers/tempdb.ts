import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../db/client';
import { closeDb, getDb } from '../../db/connection';
import { PostgresDb } from '../../db/postgres-client';
import { reloadConfig } from '../../lib/config/config';
import { openDatabase, type Sqlite } from '../../db/sqlite-file';
import { loadMigrations, migrationsDir, migrationsFor } from '../../lib/migrate/load';
import { migrateUp } from '../../lib/migrate/up';
import { migratedTemplate, scratchPostgresDatabase, testEngine } from './engine';

/** A fresh directory under the OS temp dir, removed by the returned cleanup. */
export function tempDir(prefix = 'mcp-metrics-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface TestDatabase {
  /** The process-wide database (getDb()) on a fresh migrated database: what route handlers under test use too. */
  db: Db;
  /** A plain connection to the same SQLite file, for looking at (or planting) rows directly; SQLite runs only. */
  sqlite: Sqlite;
  /** Where it lives: the SQLite file, or the PostgreSQL URL (what a server started by the test is given). */
  file: string;
  cleanup: () => Promise<void>;
}

/**
 * A migrated database made the process default, so that route handlers and verbs under test use it:
 * a temp SQLite file (SQLITE_DB_PATH), or on the postgres project a scratch database (DATABASE_URL).
 */
export async function migratedDatabase(): Promise<TestDatabase> {
  if (testEngine() === 'postgres') return migratedPostgresDatabase();
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'metrics.db');
  delete process.env.DATABASE_URL;
  process.env.SQLITE_DB_PATH = file;
  reloadConfig();
  const db = getDb();
  await migrateUp(db, await migrationsFor(db));
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

async function migratedPostgresDatabase(): Promise<TestDatabase> {
  const migrations = await loadMigrations(migrationsDir('postgres'));
  const template = await migratedTemplate(
    migrations.map((m) => m.checksum),
    async (url) => {
      const db = PostgresDb.open(url, { poolSize: 1 });
      await migrateUp(db, migrations).finally(() => db.close());
    },
  );
  const scratch = await scratchPostgresDatabase(template);
  process.env.DATABASE_URL = scratch.url;
  reloadConfig();
  const db = getDb();
  return {
    db,
    sqlite: new Proxy({} as Sqlite, {
      get() {
        throw new Error('this test reads the SQLite file directly: read through `db` to run it on PostgreSQL too');
      },
    }),
    file: scratch.url,
    cleanup: async () => {
      await closeDb();
      delete process.env.DATABASE_URL;
      await scratch.drop();
    },
  };
}
