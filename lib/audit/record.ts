import type { Sqlite } from '../../db/connection';
import { insertAuditRow, type AuditEntry } from '../../db/queries/audit-log';

/**
 * Records an administrative change. Call it inside the transaction that makes the change, so the
 * change and its audit row commit together. Never pass a key's plaintext in `before`/`after`.
 */
export function recordAudit(db: Sqlite, entry: AuditEntry): void {
  if (!db.inTransaction) throw new Error(`audit "${entry.action}" must be recorded inside the change's transaction`);
  insertAuditRow(db, entry);
}

/** The actor of a change made from the command line. */
export function cliActor(): string {
  return `cli:${process.env.USER ?? process.env.LOGNAME ?? 'unknown'}`;
}
