import type { Tx } from '../client';

export interface ThrottleRow {
  scope: string;
  failures: number;
  windowStartedAt: string;
  blockedUntil: string | null;
}

const COLUMNS = `scope, failures, window_started_at AS "windowStartedAt", blocked_until AS "blockedUntil"`;

/**
 * The rows of these scopes, created empty where missing, read inside the transaction that will update
 * them (so concurrent sign-ins count one after the other, never over each other).
 */
export async function lockThrottleRows(tx: Tx, scopes: readonly string[], now: string): Promise<ThrottleRow[]> {
  for (const scope of scopes) {
    await tx.run(`INSERT INTO sign_in_throttle (scope, failures, window_started_at) VALUES (?, 0, ?) ON CONFLICT (scope) DO NOTHING`, [scope, now]);
  }
  const lock = tx.engine === 'postgres' ? ' FOR UPDATE' : '';
  return tx.all<ThrottleRow>(`SELECT ${COLUMNS} FROM sign_in_throttle WHERE scope IN (${scopes.map(() => '?').join(', ')})${lock}`, scopes);
}

export async function saveThrottleRow(tx: Tx, row: ThrottleRow): Promise<void> {
  await tx.run(
    `INSERT INTO sign_in_throttle (scope, failures, window_started_at, blocked_until) VALUES (?, ?, ?, ?)
     ON CONFLICT (scope) DO UPDATE SET failures = excluded.failures, window_started_at = excluded.window_started_at, blocked_until = excluded.blocked_until`,
    [row.scope, row.failures, row.windowStartedAt, row.blockedUntil],
  );
}

export async function deleteThrottleRows(tx: Tx, scopes: readonly string[]): Promise<void> {
  await tx.run(`DELETE FROM sign_in_throttle WHERE scope IN (${scopes.map(() => '?').join(', ')})`, scopes);
}

/** Forgets rows whose window began before `before` and that pause nothing any more. */
export async function pruneThrottleRows(tx: Tx, before: string): Promise<void> {
  await tx.run(`DELETE FROM sign_in_throttle WHERE window_started_at < ? AND (blocked_until IS NULL OR blocked_until < ?)`, [before, before]);
}
