import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb } from '../db/connection';
import { SqliteDb } from '../db/sqlite-client';
import { openDatabase, type Sqlite } from '../db/sqlite-file';
import { createBackup } from '../lib/backup/create';
import { listBackups } from '../lib/backup/files';
import { restoreBackup } from '../lib/backup/restore';
import { verifyBackup } from '../lib/backup/verify';
import { loadMigrations, migrationsFor } from '../lib/migrate/load';
import { migrateUp } from '../lib/migrate/up';
import { corruptLeafPage, seedMetrics, startWriter, stopProcess } from './helpers/lifecycle';
import { migratedDatabase, tempDir } from './helpers/tempdb';
import { RETENTION_TABLES } from '../lib/retention/tables';

// A policy per aged table, seeded by the migrations.
const POLICY_COUNT = Object.keys(RETENTION_TABLES).length;

const count = (db: Sqlite, sql: string) => db.prepare(sql).pluck().get() as number;

function openGunzipped(file: string, dir: string): Database.Database {
  const plain = path.join(dir, `${path.basename(file)}.db`);
  fs.writeFileSync(plain, zlib.gunzipSync(fs.readFileSync(file)));
  return new Database(plain, { readonly: true });
}

describe('backup and restore', () => {
  let db: Sqlite;
  let file: string;
  let cleanup: () => Promise<void>;
  let outDir: string;
  /** Closes every connection of this process to the file (the plain one and the process-wide Db). */
  const closeAll = async () => {
    db.close();
    await closeDb();
  };
  beforeEach(async () => {
    ({ sqlite: db, file, cleanup } = await migratedDatabase());
    outDir = path.join(path.dirname(file), 'backups');
  });
  afterEach(() => cleanup());

  it('a backup taken while another process ingests passes integrity and holds every row committed before it began', async () => {
    seedMetrics(db, 5000);
    const writer = await startWriter(file);
    try {
      const committedBefore = count(db, 'SELECT max(id) FROM metrics');
      const result = await createBackup({ database: file, outDir });
      expect(count(db, 'SELECT max(id) FROM metrics')).toBeGreaterThan(committedBefore); // the writer really ran alongside
      await verifyBackup(result.file);
      const copy = openGunzipped(result.file, outDir);
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(count(copy as Sqlite, `SELECT count(*) FROM metrics WHERE id <= ${committedBefore}`)).toBe(committedBefore);
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(result.rowCounts.metrics).toBe(count(copy as Sqlite, 'SELECT count(*) FROM metrics'));
      copy.close();
    } finally {
      await stopProcess(writer);
    }
  });

  it('deletes a copy that fails its integrity check and fails, leaving no file behind', async () => {
    seedMetrics(db, 3000);
    db.pragma('wal_checkpoint(TRUNCATE)');
    await closeAll();
    corruptLeafPage(file, 'metrics');
    await expect(createBackup({ database: file, outDir })).rejects.toThrow(/failed its integrity check and was deleted/);
    expect(fs.readdirSync(outDir)).toEqual([]);
  });

  it('--keep prunes the oldest backups', async () => {
    const made = [];
    for (let i = 0; i < 3; i++) made.push((await createBackup({ database: file, outDir, keep: 2, now: new Date(Date.UTC(2026, 0, 1, 0, 0, i)) })).file);
    expect(listBackups(outDir, file)).toEqual(made.slice(1));
  });

  it('restores a backup over a changed database, applying pending migrations, and keeps the replaced file', async () => {
    const old = path.join(path.dirname(file), 'old.db');
    const oldDb = SqliteDb.open(old);
    await migrateUp(oldDb, await migrationsFor(oldDb), { to: 5 });
    await oldDb.close();
    const oldSqlite = openDatabase(old);
    seedMetrics(oldSqlite, 10);
    oldSqlite.close();
    const backup = await createBackup({ database: old, outDir });
    expect(backup.schemaVersion).toBe(5);

    seedMetrics(db, 3);
    await closeAll();
    const result = await restoreBackup(backup.file, { to: file });
    const pending = (await loadMigrations()).filter((m) => m.version > 5);
    expect(result.appliedMigrations.map((m) => Number(m.slice(0, 4)))).toEqual(pending.map((m) => m.version));
    expect(result.rowCounts.metrics).toBe(10);
    const restored = openDatabase(file);
    expect(count(restored, 'SELECT count(*) FROM metrics')).toBe(10);
    expect(count(restored, 'SELECT max(version) FROM schema_migrations')).toBe(pending.at(-1)!.version);
    expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
    restored.close();
    const previous = new Database(result.previous!, { readonly: true });
    expect(count(previous as Sqlite, 'SELECT count(*) FROM metrics')).toBe(3);
    previous.close();
  });

  it('refuses to restore while a live server uses the database, but ignores a stale marker', async () => {
    const backup = await createBackup({ database: file, outDir });
    fs.writeFileSync(`${file}.server.999999999.json`, '{}');
    fs.writeFileSync(`${file}.server.${process.ppid}.json`, JSON.stringify({ pid: process.ppid, startedAt: 'now', database: file }));
    await expect(restoreBackup(backup.file, { to: file })).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining(`the server (pid ${process.ppid}) is using`),
    });
    fs.rmSync(`${file}.server.${process.ppid}.json`);
    await closeAll();
    await expect(restoreBackup(backup.file, { to: file })).resolves.toMatchObject({ database: file });
  });

  it('verify and restore reject files that are not sound backups, replacing nothing', async () => {
    const { dir, cleanup: rm } = tempDir();
    try {
      const junk = path.join(dir, 'junk.db.gz');
      fs.writeFileSync(junk, 'not a backup');
      await expect(verifyBackup(junk)).rejects.toThrow(/neither a gzipped nor a plain SQLite backup/);
      const backup = await createBackup({ database: file, outDir });
      const truncated = path.join(dir, 'truncated.db.gz');
      fs.writeFileSync(truncated, fs.readFileSync(backup.file).subarray(0, 200));
      await expect(verifyBackup(truncated)).rejects.toThrow(/not a readable gzip file/);
      await expect(restoreBackup(truncated, { to: file })).rejects.toThrow(/not a readable gzip file/);
      await expect(verifyBackup(path.join(dir, 'missing.gz'))).rejects.toThrow(/not found/);
      expect(count(db, 'SELECT count(*) FROM retention_policies')).toBe(POLICY_COUNT);
      expect(fs.readdirSync(path.dirname(file)).filter((f) => f.includes('restore'))).toEqual([]);
    } finally {
      rm();
    }
  });
});
