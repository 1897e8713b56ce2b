import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sqlite } from '../db/sqlite-file';
import * as schema from '../db/schema';
import { drizzleShape, liveShape, liveTables, specStatements } from './helpers/introspect';
import { migratedDatabase } from './helpers/tempdb';

const SPEC = fs.readFileSync(path.resolve(__dirname, '../docs/spec/database-schema.md'), 'utf8');

describe('schema after all migrations', () => {
  let db: Sqlite;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ sqlite: db, cleanup } = await migratedDatabase()));
  afterAll(() => cleanup());

  it('matches the drizzle schema exactly, table for table', () => {
    const drizzleTables = Object.values(schema).map(drizzleShape);
    expect(liveTables(db)).toEqual(drizzleTables.map((t) => t.name).sort());
    for (const { name, shape } of drizzleTables) {
      expect(liveShape(db, name), name).toEqual(shape);
    }
  });

  it('contains every table, column, UNIQUE, foreign key and index the spec defines', () => {
    const statements = specStatements(SPEC);
    expect(statements.length).toBeGreaterThan(30);
    const spec = new Database(':memory:');
    spec.exec(statements.join('\n'));
    const specTables = liveTables(spec);
    expect(specTables).toHaveLength(10);
    for (const table of specTables) {
      const want = liveShape(spec, table);
      const have = liveShape(db, table);
      for (const [column, definition] of Object.entries(want.columns)) {
        expect(have.columns[column], `${table}.${column}`).toEqual(definition);
      }
      for (const [index, columns] of Object.entries(want.indexes)) {
        expect(have.indexes[index], `${table} index ${index}`).toBe(columns);
      }
      expect(have.uniques, `${table} UNIQUE`).toEqual(expect.arrayContaining(want.uniques));
      expect(have.foreignKeys, `${table} foreign keys`).toEqual(want.foreignKeys);
    }
    spec.close();
  });

  it('applies the spec PRAGMAs on the connection', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    expect(db.pragma('cache_size', { simple: true })).toBe(10000);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(30000);
  });

  it('seeds the default retention policies', () => {
    const rows = db.prepare('SELECT table_name, retention_days, is_active FROM retention_policies ORDER BY table_name').all();
    expect(rows).toEqual([
      { table_name: 'alert_events', retention_days: 90, is_active: 1 },
      { table_name: 'api_key_usage_log', retention_days: 90, is_active: 1 },
      { table_name: 'auth_metrics', retention_days: 90, is_active: 1 },
      { table_name: 'discovery_metrics', retention_days: 90, is_active: 1 },
      { table_name: 'metrics', retention_days: 90, is_active: 1 },
      { table_name: 'metrics_5min', retention_days: 2, is_active: 1 },
      { table_name: 'metrics_daily', retention_days: 1095, is_active: 1 },
      { table_name: 'metrics_dimension_hourly', retention_days: 90, is_active: 1 },
      { table_name: 'metrics_hourly', retention_days: 365, is_active: 1 },
      { table_name: 'metrics_minutely', retention_days: 2, is_active: 1 },
      { table_name: 'tool_metrics', retention_days: 90, is_active: 1 },
    ]);
  });
});
