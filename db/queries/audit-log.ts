import type { Reader, Tx } from '../client';
import { jsonText } from './json-text';

export interface AuditEntry {
  actor: string;
  action: string;
  target?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditRow {
  id: number;
  timestamp: string;
  actor: string;
  action: string;
  target: string | null;
  before: string | null;
  after: string | null;
}

const json = (value: unknown) => (value === undefined ? null : jsonText(value));

export async function insertAuditRow(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.run(`INSERT INTO audit_log (timestamp, actor, action, target, before, after) VALUES (?, ?, ?, ?, ?, ?)`, [
    new Date().toISOString(),
    entry.actor,
    entry.action,
    entry.target ?? null,
    json(entry.before),
    json(entry.after),
  ]);
}

/** Newest first, keyset-paginated by id. */
export async function listAuditRows(db: Reader, options: { beforeId?: number; limit?: number } = {}): Promise<AuditRow[]> {
  return db.all<AuditRow>(`SELECT id, timestamp, actor, action, target, before, after FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?`, [
    options.beforeId ?? Number.MAX_SAFE_INTEGER,
    options.limit ?? 50,
  ]);
}
