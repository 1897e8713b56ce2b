import type { Reader, Tx } from '../client';
import { flagParam } from './dialect';

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
  /** The services the key may write metrics for; null: any. */
  allowedServices: string[] | null;
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
  allowedServices: string[] | null;
}

export interface KeyLimits {
  rateLimit: number;
  dailyUsageLimit: number | null;
  monthlyUsageLimit: number | null;
}

const COLUMNS = `id, key_hash AS "keyHash", key_prefix AS "keyPrefix", service_name AS "serviceName", description,
  is_active AS "isActive", is_admin AS "isAdmin", COALESCE(rate_limit, 1000) AS "rateLimit", daily_usage_limit AS "dailyUsageLimit",
  monthly_usage_limit AS "monthlyUsageLimit", COALESCE(usage_count, 0) AS "usageCount", created_at AS "createdAt", last_used_at AS "lastUsedAt",
  allowed_services AS "allowedServices"`;

type Row = Omit<ApiKeyRecord, 'isActive' | 'isAdmin' | 'allowedServices'> & { isActive: unknown; isAdmin: unknown; allowedServices: string | null };

// A NULL is_active counts as active (the spec's default), a NULL is_admin as not admin.
const toRecord = (row: Row): ApiKeyRecord => ({
  ...row,
  isActive: row.isActive === null || Boolean(row.isActive),
  isAdmin: Boolean(row.isAdmin),
  allowedServices: row.allowedServices === null ? null : (JSON.parse(row.allowedServices) as string[]),
});
const servicesJson = (services: readonly string[] | null) => (services === null ? null : JSON.stringify(services));
const maybeRecord = (row: Row | undefined) => (row ? toRecord(row) : undefined);

export async function insertApiKey(tx: Tx, key: NewApiKey): Promise<ApiKeyRecord> {
  const row = await tx.get<Row>(
    `INSERT INTO api_keys (key_hash, key_prefix, service_name, description, is_admin, rate_limit, daily_usage_limit, monthly_usage_limit, allowed_services,
       created_at, is_active, usage_count)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0) RETURNING ${COLUMNS}`,
    [
      key.keyHash,
      key.keyPrefix,
      key.serviceName,
      key.description,
      flagParam(tx, key.isAdmin),
      key.rateLimit,
      key.dailyUsageLimit,
      key.monthlyUsageLimit,
      servicesJson(key.allowedServices),
      new Date().toISOString(),
      flagParam(tx, true),
    ],
  );
  return toRecord(row!);
}

export async function findApiKeyByHash(db: Reader, keyHash: string): Promise<ApiKeyRecord | undefined> {
  return maybeRecord(await db.get<Row>(`SELECT ${COLUMNS} FROM api_keys WHERE key_hash = ?`, [keyHash]));
}

export async function findApiKeyById(db: Reader, id: number): Promise<ApiKeyRecord | undefined> {
  return maybeRecord(await db.get<Row>(`SELECT ${COLUMNS} FROM api_keys WHERE id = ?`, [id]));
}

/** Keys whose visible prefix starts with `prefix` (at most a few; prefixes are random). */
export async function findApiKeysByPrefix(db: Reader, prefix: string): Promise<ApiKeyRecord[]> {
  return (await db.all<Row>(`SELECT ${COLUMNS} FROM api_keys WHERE substr(key_prefix, 1, ?) = ? ORDER BY id`, [prefix.length, prefix])).map(toRecord);
}

export async function listApiKeyRecords(db: Reader): Promise<ApiKeyRecord[]> {
  return (await db.all<Row>(`SELECT ${COLUMNS} FROM api_keys ORDER BY service_name, id`)).map(toRecord);
}

export async function setApiKeyActive(tx: Tx, id: number, active: boolean): Promise<void> {
  await tx.run(`UPDATE api_keys SET is_active = ? WHERE id = ?`, [flagParam(tx, active), id]);
}

/** null: the key may write for any service again. */
export async function updateApiKeyServices(tx: Tx, id: number, services: readonly string[] | null): Promise<void> {
  await tx.run(`UPDATE api_keys SET allowed_services = ? WHERE id = ?`, [servicesJson(services), id]);
}

export async function updateApiKeyLimits(tx: Tx, id: number, limits: KeyLimits): Promise<void> {
  await tx.run(`UPDATE api_keys SET rate_limit = ?, daily_usage_limit = ?, monthly_usage_limit = ? WHERE id = ?`, [
    limits.rateLimit,
    limits.dailyUsageLimit,
    limits.monthlyUsageLimit,
    id,
  ]);
}
