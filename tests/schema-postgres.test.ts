import { is, SQL } from 'drizzle-orm';
import { getTableConfig, PgDialect, type PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresDb } from '../db/postgres-client';
import * as schema from '../db/schema/postgres';
import { migrationsFor } from '../lib/migrate/load';
import { migrateUp } from '../lib/migrate/up';
import { scratchPostgresDatabase } from './helpers/engine';

/** A table's shape as PostgreSQL's catalogs state it and as the pg-core schema declares it. */
interface PgShape {
  columns: Record<string, { type: string; notNull: boolean; default: string | null; identity: string | null }>;
  primaryKey: string;
  /** Column lists of UNIQUE constraints, sorted. */
  uniques: string[];
  /** "col -> table(col)", sorted. */
  foreignKeys: string[];
  /** Named CHECK constraints, as pg_get_constraintdef writes them. */
  checks: Record<string, string>;
  /** Indexes that back no constraint: "col1,col2 btree" (+ " UNIQUE"). */
  indexes: Record<string, string>;
}

const dialect = new PgDialect();
const tables = Object.values(schema) as PgTable[];

/** `(0.0)` -> `0`, `nextval('metrics_id_seq'::regclass)` -> `nextval`: both sides' defaults in one form. */
function normalizeDefault(text: string | null): string | null {
  if (text === null) return null;
  let value = text.trim();
  while (value.startsWith('(') && value.endsWith(')')) value = value.slice(1, -1).trim();
  if (value.startsWith('nextval(')) return 'nextval';
  return /^-?\d+(\.\d+)?$/.test(value) ? String(Number(value)) : value;
}

const IDENTITY = { always: 'ALWAYS', byDefault: 'BY DEFAULT' } as const;

function drizzleShape(table: PgTable): { name: string; shape: PgShape; checks: { name: string; sql: string }[] } {
  const config = getTableConfig(table);
  const columns: PgShape['columns'] = {};
  const uniques: string[] = [];
  let primaryKey = config.primaryKeys.map((pk) => pk.columns.map((c) => c.name).join(',')).join(';');
  for (const c of config.columns) {
    // bigserial is bigint with a sequence default, which is how PostgreSQL's catalogs describe it.
    const serial = c.columnType.startsWith('PgBigSerial');
    const declared = c.default === undefined ? null : is(c.default, SQL) ? dialect.sqlToQuery(c.default).sql : String(c.default);
    columns[c.name] = {
      type: serial ? 'bigint' : c.getSQLType(),
      notNull: c.notNull,
      default: serial ? 'nextval' : normalizeDefault(declared),
      identity: c.generatedIdentity ? IDENTITY[c.generatedIdentity.type] : null,
    };
    if (c.primary) primaryKey = c.name;
    if (c.isUnique) uniques.push(c.name);
  }
  for (const u of config.uniqueConstraints) uniques.push(u.columns.map((c) => c.name).join(','));
  const indexes: PgShape['indexes'] = {};
  for (const i of config.indexes) {
    const cols = i.config.columns.map((c) => (c as { name: string }).name).join(',');
    indexes[i.config.name!] = `${cols} ${i.config.method ?? 'btree'}${i.config.unique ? ' UNIQUE' : ''}`;
  }
  const foreignKeys = config.foreignKeys.map((fk) => {
    const ref = fk.reference();
    return `${ref.columns.map((c) => c.name).join(',')} -> ${getTableConfig(ref.foreignTable).name}(${ref.foreignColumns.map((c) => c.name).join(',')})`;
  });
  return {
    name: config.name,
    shape: { columns, primaryKey, uniques: uniques.sort(), foreignKeys: foreignKeys.sort(), checks: {}, indexes },
    checks: config.checks.map((c) => ({ name: c.name, sql: dialect.sqlToQuery(c.value).sql })),
  };
}

/**
 * The schema's CHECK expressions as PostgreSQL itself writes them back: each is added to a temporary
 * copy of its table (same name, so drizzle's `"table"."column"` references resolve) and read with
 * pg_get_constraintdef, the function that renders the migrated ones.
 */
async function normalizedChecks(db: PostgresDb, table: string, checks: { name: string; sql: string }[]): Promise<Record<string, string>> {
  if (checks.length === 0) return {};
  return db.transaction(async (tx) => {
    await tx.exec(`CREATE TEMP TABLE ${table} (LIKE ${await currentSchema(db)}.${table}) ON COMMIT DROP`);
    for (const check of checks) await tx.exec(`ALTER TABLE pg_temp.${table} ADD CONSTRAINT ${check.name} CHECK (${check.sql})`);
    return checksOf(tx, `pg_temp.${table}`);
  });
}

const currentSchema = async (db: PostgresDb) => (await db.get<{ name: string }>(`SELECT current_schema() AS name`))!.name;

async function checksOf(db: Pick<PostgresDb, 'all'>, relation: string): Promise<Record<string, string>> {
  const rows = await db.all<{ name: string; definition: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = ?::regclass AND contype = 'c'`,
    [relation],
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.definition]));
}

async function liveShape(db: PostgresDb, table: string): Promise<PgShape> {
  const columns: PgShape['columns'] = {};
  const columnRows = await db.all<{ name: string; type: string; nullable: string; default: string | null; identity: string | null }>(
    `SELECT column_name AS name, data_type AS type, is_nullable AS nullable, column_default AS "default", identity_generation AS identity
       FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?`,
    [table],
  );
  for (const c of columnRows) columns[c.name] = { type: c.type, notNull: c.nullable === 'NO', default: normalizeDefault(c.default), identity: c.identity };
  // Constraint columns in their declared order (conkey is ordered, unnest WITH ORDINALITY keeps it).
  const constraints = await db.all<{ type: string; columns: string; target: string | null }>(
    `SELECT c.contype AS type,
            (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
            CASE WHEN c.contype = 'f' THEN c.confrelid::regclass::text || '(' ||
              (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n)
                 JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) || ')' END AS target
       FROM pg_constraint c WHERE c.conrelid = ?::regclass AND c.contype IN ('p', 'u', 'f')`,
    [table],
  );
  const indexRows = await db.all<{ name: string; columns: string; method: string; unique: boolean }>(
    `SELECT i.relname AS name, am.amname AS method, x.indisunique AS unique,
            (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, n)
               JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum) AS columns
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_am am ON am.oid = i.relam
      WHERE x.indrelid = ?::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = x.indrelid AND c.conindid = x.indexrelid)`,
    [table],
  );
  return {
    columns,
    primaryKey: constraints
      .filter((c) => c.type === 'p')
      .map((c) => c.columns)
      .join(';'),
    uniques: constraints
      .filter((c) => c.type === 'u')
      .map((c) => c.columns)
      .sort(),
    foreignKeys: constraints
      .filter((c) => c.type === 'f')
      .map((c) => `${c.columns} -> ${c.target}`)
      .sort(),
    checks: await checksOf(db, table),
    indexes: Object.fromEntries(indexRows.map((i) => [i.name, `${i.columns} ${i.method}${i.unique ? ' UNIQUE' : ''}`])),
  };
}

/** Ordinary and partitioned tables of the schema; the partitions themselves are storage of their parent. */
const liveTables = async (db: PostgresDb) =>
  (
    await db.all<{ name: string }>(
      `SELECT relname AS name FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p') AND NOT relispartition ORDER BY relname`,
    )
  ).map((r) => r.name);

if (!process.env.TEST_DATABASE_URL) console.log('[schema-postgres] TEST_DATABASE_URL is not set: the PostgreSQL schema check is skipped');

describe.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL schema after all migrations', () => {
  let db: PostgresDb;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const scratch = await scratchPostgresDatabase();
    drop = scratch.drop;
    db = PostgresDb.open(scratch.url, { poolSize: 2 });
    await migrateUp(db, await migrationsFor(db));
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('matches the pg-core schema exactly, table for table', async () => {
    const declared = tables.map(drizzleShape);
    expect(await liveTables(db)).toEqual(declared.map((t) => t.name).sort());
    for (const { name, shape, checks } of declared) {
      expect(await liveShape(db, name), name).toEqual({ ...shape, checks: await normalizedChecks(db, name, checks) });
    }
  });

  it('partitions the raw and type tables by month of created_at, with the months ahead created', async () => {
    const parents = await db.all<{ name: string; key: string; partitions: number }>(
      `SELECT c.relname AS name, pg_get_partkeydef(c.oid) AS key, (SELECT count(*) FROM pg_inherits i WHERE i.inhparent = c.oid)::int AS partitions
         FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'p' ORDER BY c.relname`,
    );
    expect(parents).toEqual(
      ['auth_metrics', 'discovery_metrics', 'metrics', 'tool_metrics'].map((name) => ({ name, key: 'RANGE (created_at)', partitions: expect.any(Number) })),
    );
    // This month and the 12 after it (migration 0001).
    for (const parent of parents) expect(parent.partitions, parent.name).toBeGreaterThanOrEqual(13);
  });

  it('uses PostgreSQL types where they serve: bigint identity keys, timestamptz, boolean, jsonb, date', async () => {
    const keys = await liveShape(db, 'api_keys');
    expect(keys.columns.id).toEqual({ type: 'bigint', notNull: true, default: null, identity: 'BY DEFAULT' });
    expect(keys.columns.created_at!.type).toBe('timestamp with time zone');
    expect(keys.columns.is_active).toEqual({ type: 'boolean', notNull: false, default: 'true', identity: null });
    expect(keys.columns.allowed_services!.type).toBe('jsonb');
    const metrics = await liveShape(db, 'metrics');
    expect(metrics.primaryKey).toBe('id,created_at');
    expect(metrics.columns.id).toEqual({ type: 'bigint', notNull: true, default: 'nextval', identity: null });
    expect([metrics.columns.dimensions!.type, metrics.columns.metadata!.type]).toEqual(['jsonb', 'jsonb']);
    expect((await liveShape(db, 'metrics_daily')).columns.date).toEqual({ type: 'date', notNull: true, default: null, identity: null });
    expect((await liveShape(db, 'admin_users')).checks).toEqual({ admin_users_role_check: "CHECK ((role = ANY (ARRAY['admin'::text, 'viewer'::text])))" });
  });
});
