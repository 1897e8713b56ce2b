import { getDatabase } from '../connection';

/** True when the database opens and answers a trivial query. */
export function databaseAnswers(): boolean {
  try {
    return getDatabase().prepare('SELECT 1 AS ok').get() !== undefined;
  } catch {
    return false;
  }
}
