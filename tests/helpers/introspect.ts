import { is, SQL } from 'drizzle-orm';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Sqlite } from '../../db/sqlite-file';

/** A table's shape reduced to what the spec and the schema can both state, normalized for comparison. */
export interface TableShape {
  columns: Record<string, { type: string; notNull: boolean; default: string | null; primaryKey: boolean }>;
  /** Named indexes: "col1,col2" (+ " UNIQUE"). */
  indexes: Record<string, string>;
  /** Column lists of UNIQUE constraints, sorted. */
  uniques: string[];
  /** "col -> table(col)". */
  foreignKeys: string[];
}

function normalizeDefault(value: string | null | undefined): string | null {
  if (value === null || value === undefined || /^null$/i.test(value)) return null;
  let text = value.trim();
  while (text.startsWith('(') && text.endsWith(')')) text = text.slice(1, -1).trim();
  return /^-?\d+(\.\d+)?$/.test(text) ? String(Number(text)) : text;
}

export function liveShape(db: Sqlite, table: string): TableShape {
  const columns: TableShape['columns'] = {};
  for (const c of db.pragma(`table_info(${table})`) as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[]) {
    columns[c.name] = { type: c.type.toUpperCase(), notNull: c.notnull === 1, default: normalizeDefault(c.dflt_value), primaryKey: c.pk > 0 };
  }
  const indexes: TableShape['indexes'] = {};
  const uniques: string[] = [];
  for (const i of db.pragma(`index_list(${table})`) as { name: string; unique: number; origin: string }[]) {
    const cols = (db.pragma(`index_info(${i.name})`) as { seqno: number; name: string }[])
      .sort((a, b) => a.seqno - b.seqno)
      .map((c) => c.name)
      .join(',');
    if (i.origin === 'u') uniques.push(cols);
    else if (i.origin === 'c') indexes[i.name] = cols + (i.unique ? ' UNIQUE' : '');
  }
  const foreignKeys = (db.pragma(`foreign_key_list(${table})`) as { from: string; table: string; to: string }[]).map((f) => `${f.from} -> ${f.table}(${f.to})`);
  return { columns, indexes, uniques: uniques.sort(), foreignKeys: foreignKeys.sort() };
}

export function liveTables(db: Sqlite): string[] {
  return (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map(
    (r) => r.name,
  );
}

function renderDefault(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (is(value, SQL)) return normalizeDefault(value.queryChunks.map((chunk) => (chunk as { value?: string[] }).value?.join('') ?? '').join(''));
  if (typeof value === 'boolean') return value ? '1' : '0';
  return normalizeDefault(String(value));
}

export function drizzleShape(table: SQLiteTable): { name: string; shape: TableShape } {
  const config = getTableConfig(table);
  const columns: TableShape['columns'] = {};
  const uniques: string[] = [];
  for (const c of config.columns) {
    const mapped = c.mapToDriverValue(c.default as never);
    columns[c.name] = {
      type: c.getSQLType().toUpperCase(),
      notNull: c.notNull && !c.primary,
      default: c.default === undefined ? null : renderDefault(is(c.default, SQL) ? c.default : mapped),
      primaryKey: c.primary,
    };
    if (c.isUnique) uniques.push(c.name);
  }
  for (const u of config.uniqueConstraints) uniques.push(u.columns.map((c) => c.name).join(','));
  const indexes: TableShape['indexes'] = {};
  for (const i of config.indexes) {
    indexes[i.config.name] = i.config.columns.map((c) => (c as { name: string }).name).join(',') + (i.config.unique ? ' UNIQUE' : '');
  }
  const foreignKeys = config.foreignKeys.map((fk) => {
    const ref = fk.reference();
    return `${ref.columns.map((c) => c.name).join(',')} -> ${getTableConfig(ref.foreignTable).name}(${ref.foreignColumns.map((c) => c.name).join(',')})`;
  });
  return { name: config.name, shape: { columns, indexes, uniques: uniques.sort(), foreignKeys: foreignKeys.sort() } };
}

/** Every CREATE TABLE / CREATE INDEX of the spec's SQL blocks, runnable on an empty database. */
export function specStatements(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const statements = blocks.flatMap((b) => [...b.matchAll(/CREATE\s+(TABLE|INDEX)\s[\s\S]*?;/g)].map((m) => m[0]));
  // The spec repeats some indexes in its "Index Strategy" section.
  return statements.map((s) => s.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS '));
}
