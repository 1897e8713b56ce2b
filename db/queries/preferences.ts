import type { Reader, Tx } from '../client';
import { nowSql } from './dialect';

// Users are named by email (what a session carries); each statement finds the id by the UNIQUE email index.
const USER = '(SELECT id FROM admin_users WHERE email = ?)';

export async function selectTimeZone(db: Reader, email: string): Promise<string | undefined> {
  return (await db.get<{ timeZone: string }>(`SELECT time_zone AS "timeZone" FROM user_preferences WHERE user_id = ${USER}`, [email]))?.timeZone;
}

/** Sets the user's time zone; false when there is no such user. */
export async function upsertTimeZone(tx: Tx, email: string, timeZone: string): Promise<boolean> {
  const changed = await tx.run(
    `INSERT INTO user_preferences (user_id, time_zone) SELECT id, ? FROM admin_users WHERE email = ?
     ON CONFLICT (user_id) DO UPDATE SET time_zone = excluded.time_zone, updated_at = ${nowSql(tx)}`,
    [timeZone, email],
  );
  return changed > 0;
}

export interface SavedView {
  id: number;
  name: string;
  url: string;
}

export function selectSavedViews(db: Reader, email: string): Promise<SavedView[]> {
  return db.all<SavedView>(`SELECT id, name, url FROM saved_views WHERE user_id = ${USER} ORDER BY name`, [email]);
}

export function countSavedViews(db: Reader, email: string): Promise<number> {
  return db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM saved_views WHERE user_id = ${USER}`, [email]).then((row) => Number(row!.n));
}

/** Saves a view under its name (a name taken by the user is replaced); undefined when there is no such user. */
export function upsertSavedView(tx: Tx, email: string, view: Omit<SavedView, 'id'>): Promise<SavedView | undefined> {
  return tx.get<SavedView>(
    `INSERT INTO saved_views (user_id, name, url) SELECT id, ?, ? FROM admin_users WHERE email = ?
     ON CONFLICT (user_id, name) DO UPDATE SET url = excluded.url RETURNING id, name, url`,
    [view.name, view.url, email],
  );
}

/** Deletes one of the user's views (another user's id deletes nothing). */
export function deleteSavedView(tx: Tx, email: string, id: number): Promise<number> {
  return tx.run(`DELETE FROM saved_views WHERE id = ? AND user_id = ${USER}`, [id, email]);
}
