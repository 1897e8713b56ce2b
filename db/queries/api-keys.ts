import type { Sqlite } from '../connection';
import { statement } from './prepared';

export interface ApiKeyRecord {
  id: number;
  keyHash: string;
  keyPrefix: string | null;
  serviceName: string;
  description: string | null;
  isActive: boolean;
  isAdmin: boolean;
  rateLimit: number;
  dailyUsageLimit: number | null;
  monthlyUsageLimit: number | null;
  usageCount: number;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface NewApiKey {
  keyHash: string;
  keyPrefix: string;
  serviceName: string;
  description: string | null;
  isAdmin: boolean;
  rateLimit: number;
  dailyUsageLimit: number | null;
  monthlyUsageLimit: number | null;
}

export interface KeyLimits {
  rateLimit: number;
  dailyUsageLimit: number | null;
  monthlyUsageLimit: number | null;
}

const COLUMNS = `id, key_hash AS keyHash, key_prefix AS keyPrefix, service_name AS serviceName, description,
  is_active AS isActive, is_admin AS isAdmin, COALESCE(rate_limit, 1000) AS rateLimit, daily_usage_limit AS dailyUsageLimit,
  monthly_usage_limit AS monthlyUsageLimit, COALESCE(usage_count, 0) AS usageCount, created_at AS createdAt, last_used_at AS lastUsedAt`;

type Row = Omit<ApiKeyRecord, 'isActive' | 'isAdmin'> & { isActive: number | null; isAdmin: number | null };

const toRecord = (row: Row | undefined): ApiKeyRecord | undefined => row && { ...row, isActive: row.isActive !== 0, isAdmin: row.isAdmin === 1 };

export function insertApiKey(db: Sqlite, key: NewApiKey): ApiKeyRecord {
  const row = statement<unknown[], Row>(
    db,
    `INSERT INTO api_keys (key_hash, key_prefix, service_name, description, is_admin, rate_limit, daily_usage_limit, monthly_usage_limit, created_at, is_active, usage_count)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0) RETURNING ${COLUMNS}`,
  ).get(
    key.keyHash,
    key.keyPrefix,
    key.serviceName,
    key.description,
    key.isAdmin ? 1 : 0,
    key.rateLimit,
    key.dailyUsageLimit,
    key.monthlyUsageLimit,
    new Date().toISOString(),
  );
  return toRecord(row)!;
}

export function findApiKeyByHash(db: Sqlite, keyHash: string): ApiKeyRecord | undefined {
  return toRecord(statement<[string], Row>(db, `SELECT ${COLUMNS} FROM api_keys WHERE key_hash = ?`).get(keyHash));
}

export function findApiKeyById(db: Sqlite, id: number): ApiKeyRecord | undefined {
  return toRecord(statement<[number], Row>(db, `SELECT ${COLUMNS} FROM api_keys WHERE id = ?`).get(id));
}

/** Keys whose visible prefix starts with `prefix` (at most a few; prefixes are random). */
export function findApiKeysByPrefix(db: Sqlite, prefix: string): ApiKeyRecord[] {
  return statement<[number, string], Row>(db, `SELECT ${COLUMNS} FROM api_keys WHERE substr(key_prefix, 1, ?) = ? ORDER BY id`)
    .all(prefix.length, prefix)
    .map((row) => toRecord(row)!);
}

export function listApiKeyRecords(db: Sqlite): ApiKeyRecord[] {
  return statement<[], Row>(db, `SELECT ${COLUMNS} FROM api_keys ORDER BY service_name, id`)
    .all()
    .map((row) => toRecord(row)!);
}

export function setApiKeyActive(db: Sqlite, id: number, active: boolean): void {
  statement(db, `UPDATE api_keys SET is_active = ? WHERE id = ?`).run(active ? 1 : 0, id);
}

export function updateApiKeyLimits(db: Sqlite, id: number, limits: KeyLimits): void {
  statement(db, `UPDATE api_keys SET rate_limit = ?, daily_usage_limit = ?, monthly_usage_limit = ? WHERE id = ?`).run(
    limits.rateLimit,
    limits.dailyUsageLimit,
    limits.monthlyUsageLimit,
    id,
  );
}
