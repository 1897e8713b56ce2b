import type { Reader } from '../../db/client';
import { listAuditRows, type AuditRow } from '../../db/queries/audit-log';

export const AUDIT_PAGE_SIZE = 50;

/** One page of the audit trail, newest first; `nextBefore` continues after its last row. */
export async function auditPage(db: Reader, beforeId?: number): Promise<{ rows: AuditRow[]; nextBefore: number | null }> {
  // One row more than shown tells whether an older page exists without counting.
  const rows = await listAuditRows(db, { beforeId, limit: AUDIT_PAGE_SIZE + 1 });
  const more = rows.length > AUDIT_PAGE_SIZE;
  const shown = rows.slice(0, AUDIT_PAGE_SIZE);
  return { rows: shown, nextBefore: more ? shown.at(-1)!.id : null };
}
