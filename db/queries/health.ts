import type { Reader } from '../client';

/** True when the database answers a trivial query. */
export async function databaseAnswers(db: Reader): Promise<boolean> {
  try {
    return (await db.get(`SELECT 1 AS ok`)) !== undefined;
  } catch {
    return false;
  }
}
