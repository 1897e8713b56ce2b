import type { Sqlite } from '../connection';

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

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

export function insertAuditRow(db: Sqlite, entry: AuditEntry): void {
  db.prepare(`INSERT INTO audit_log (timestamp, actor, action, target, before, after) VALUES (?, ?, ?, ?, ?, ?)`).run(
    new Date().toISOString(),
    entry.actor,
    entry.action,
    entry.target ?? null,
    json(entry.before),
    json(entry.after),
  );
}

/** Newest first, keyset-paginated by id. */
export function listAuditRows(db: Sqlite, options: { beforeId?: number; limit?: number } = {}): AuditRow[] {
  return db
    .prepare(`SELECT id, timestamp, actor, action, target, before, after FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?`)
    .all(options.beforeId ?? Number.MAX_SAFE_INTEGER, options.limit ?? 50) as AuditRow[];
}
