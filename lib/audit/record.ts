import type { Tx } from '../../db/client';
import { insertAuditRow, type AuditEntry } from '../../db/queries/audit-log';

/**
 * Records an administrative change inside the transaction that makes it (the `Tx` type sees to
 * that), so the change and its audit row commit together. Never pass a key's plaintext in `before`/`after`.
 */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await insertAuditRow(tx, entry);
}

/** The actor of a change made from the command line. */
export function cliActor(): string {
  return `cli:${process.env.USER ?? process.env.LOGNAME ?? 'unknown'}`;
}
